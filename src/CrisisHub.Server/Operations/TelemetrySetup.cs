using CrisisHub.Grains.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrisisHub.Server.Operations;

/// <summary>
/// OpenTelemetry for the node: CrisisHub's own instruments (<see cref="CrisisHubMetrics"/>), Orleans', ASP.NET Core's,
/// SignalR's, HttpClient's and the runtime's meters; spans from the HTTP request through the grain calls (Orleans' activity
/// propagation) to the push and the provider call. Metrics are scraped at /metrics (loopback, configured networks or a
/// token only) and, like traces, pushed to an OTLP collector when one is configured.
/// </summary>
public static class TelemetrySetup
{
    private static readonly string[] Meters =
    [
        CrisisHubMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http", "System.Runtime",
    ];

    private static readonly string[] Sources = [CrisisHubTracing.SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "System.Net.Http"];

    public static WebApplicationBuilder AddCrisisHubTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        builder.Services.AddSingleton(services => new MetricsAccess(services.GetRequiredService<IOptions<TelemetryOptions>>().Value));
        builder.Services.AddSingleton<HubMetrics>();
        builder.Services.AddSingleton<OpenCaseCensus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OpenCaseCensus>());
        builder.Services.AddSingleton<OperationsGauges>();

        var otlp = options.OtlpEndpoint is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation();
                // Every scrape sees the latest counts (the exporter would otherwise answer from a cache for 300 ms).
                if (options.PrometheusEnabled) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        (exporter.Endpoint, exporter.Protocol) = (SignalEndpoint(otlp, protocol, "v1/metrics"), protocol);
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.OtlpExportIntervalSeconds * 1000;
                    });
            });
        if (options.Traces)
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(Sources).AddAspNetCoreInstrumentation(o => o.Filter = Traced).AddProcessor(new SpanScrubber());
                if (otlp is not null) tracing.AddOtlpExporter(exporter => (exporter.Endpoint, exporter.Protocol) = (SignalEndpoint(otlp, protocol, "v1/traces"), protocol));
            });
        return builder;
    }

    /// <summary>
    /// Refuses /metrics to anyone <see cref="MetricsAccess"/> does not admit, with a 403 problem that says nothing about the
    /// node. Runs right after the forwarded headers are read, before anything else sees the request.
    /// </summary>
    public static WebApplication UseCrisisHubMetricsAccess(this WebApplication app)
    {
        // Every spelling routing would serve ("/metrics/", "/METRICS"), not only the exact path.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(TelemetryOptions.MetricsPath, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (http, next) =>
        {
            if (http.RequestServices.GetRequiredService<MetricsAccess>().Allows(http))
            {
                await next(http);
                return;
            }

            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are not served to this client",
                detail: "The metrics endpoint answers loopback, the networks in Telemetry:MetricsAllowedNetworks, or a request bearing Telemetry:MetricsBearerToken.")
                .ExecuteAsync(http);
        }));
        return app;
    }

    public static WebApplication MapCrisisHubMetrics(this WebApplication app)
    {
        // The observable gauges exist once their owner does.
        _ = app.Services.GetRequiredService<OperationsGauges>();
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusEnabled)
            app.MapPrometheusScrapingEndpoint(TelemetryOptions.MetricsPath).AllowAnonymous();
        return app;
    }

    /// <summary>Health probes and scrapes every few seconds would bury the requests worth tracing.</summary>
    private static bool Traced(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(TelemetryOptions.MetricsPath);

    /// <summary>gRPC takes the collector's address; OTLP over HTTP one path per signal.</summary>
    private static Uri SignalEndpoint(Uri collector, OtlpExportProtocol protocol, string path) =>
        protocol == OtlpExportProtocol.Grpc ? collector : new Uri(collector, collector.AbsolutePath.TrimEnd('/') + "/" + path);
}
