using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>
/// A server of its own whose metrics and spans are also exported to memory, with a metrics bearer token configured. Its
/// in-memory exports hold what a collector would receive; <see cref="Flush"/> exports now.
/// </summary>
public sealed class ObservedServer : IAsyncLifetime
{
    public const string MetricsToken = "metrics-token-for-the-tests-0123456789";

    public FakeTimeProvider Clock { get; } = CrisisHubFactory.NewClock();
    public LockedList<Metric> Metrics { get; } = new();
    public LockedList<Activity> Spans { get; } = new();
    public LogCollector Logs { get; } = new();
    public CrisisHubFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock, Logs,
            new Dictionary<string, string> { ["Telemetry:MetricsBearerToken"] = MetricsToken, ["Telemetry:TracesEnabled"] = "true" },
            services => services
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics,
                    // Exported only when a test flushes, so a test reads a picture that no timer changes under it.
                    reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue))
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
        _ = Factory.BaseAddress;
        return Task.CompletedTask;
    }

    public Task<ApiClient> SignInAsync(string userName) => ApiClient.SignInAsync(Factory, userName);

    /// <summary>Exports every metric and finished span now (the in-memory exporters then hold them).</summary>
    public void Flush()
    {
        Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
    }

    /// <summary>The latest export of each CrisisHub metric point: (metric name, tags, value or histogram count).</summary>
    public IReadOnlyList<(string Name, Dictionary<string, string?> Tags, double Value)> Points(Func<string, bool>? meter = null)
    {
        {
            var latest = new Dictionary<string, Metric>();
            foreach (var metric in Metrics.Snapshot().Where(m => meter?.Invoke(m.MeterName) ?? true)) latest[metric.Name] = metric;
            var points = new List<(string, Dictionary<string, string?>, double)>();
            foreach (var metric in latest.Values)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, string?>();
                    foreach (var tag in point.Tags) tags[tag.Key] = tag.Value?.ToString();
                    double value = metric.MetricType switch
                    {
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                        MetricType.LongGauge => point.GetGaugeLastValueLong(),
                        MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                        MetricType.Histogram => point.GetHistogramCount(),
                        _ => double.NaN,
                    };
                    points.Add((metric.Name, tags, value));
                }
            }

            return points;
        }
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
