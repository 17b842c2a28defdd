using System.Diagnostics;

namespace CrisisHub.Grains.Telemetry;

/// <summary>
/// CrisisHub's own spans, beside ASP.NET Core's request span and Orleans' grain-call spans: together a flag's trace runs
/// from the HTTP request through the grains to the live push and the provider call. Span names and tags carry ids and
/// kinds only.
/// </summary>
public static class CrisisHubTracing
{
    public const string SourceName = "CrisisHub";

    public static readonly ActivitySource Source = new(SourceName);
}
