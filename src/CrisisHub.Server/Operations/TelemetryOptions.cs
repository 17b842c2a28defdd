using System.ComponentModel.DataAnnotations;
using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Operations;

/// <summary>
/// The "Telemetry" configuration section: where metrics and traces go. The Prometheus endpoint is on by default and
/// answers only to loopback, the listed networks or the bearer token (never the public); OTLP export starts when an
/// endpoint is set.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>Serve the Prometheus scrape endpoint at <see cref="MetricsPath"/>.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    public const string MetricsPath = "/metrics";

    /// <summary>Networks ("10.0.0.0/8") or addresses a scraper may come from, besides loopback. None by default.</summary>
    public string[] MetricsAllowedNetworks { get; set; } = [];

    /// <summary>A token a scraper may present instead ("Authorization: Bearer …"), from any address. None by default.</summary>
    public string? MetricsBearerToken { get; set; }

    /// <summary>An OpenTelemetry collector ("http://otel-collector:4317"); metrics and traces are exported there when set.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (port 4317) or "http/protobuf" (port 4318).</summary>
    [AllowedValues("grpc", "http/protobuf")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed to the collector.</summary>
    [Range(1, 3600)]
    public int OtlpExportIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// Make spans (the request, the grain calls, the push, the text). On by default only when <see cref="OtlpEndpoint"/> is
    /// set: a span nobody collects is only a cost on the alert path.
    /// </summary>
    public bool? TracesEnabled { get; set; }

    public bool Traces => TracesEnabled ?? OtlpEndpoint is { Length: > 0 };

    /// <summary>The service name on every metric and span ("service.name").</summary>
    [Required]
    public string ServiceName { get; set; } = "crisishub";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in MetricsAllowedNetworks.Where(n => !ProxyOptions.TryParse(n, out _, out _)))
            yield return new ValidationResult($"'{entry}' is neither an IP address nor a network in CIDR form.", [nameof(MetricsAllowedNetworks)]);
        if (MetricsBearerToken is { Length: > 0 and < 24 })
            yield return new ValidationResult("The metrics bearer token must be at least 24 characters.", [nameof(MetricsBearerToken)]);
        if (OtlpEndpoint is { Length: > 0 } e && !Uri.TryCreate(e, UriKind.Absolute, out _))
            yield return new ValidationResult($"'{e}' is not an absolute URI.", [nameof(OtlpEndpoint)]);
    }
}
