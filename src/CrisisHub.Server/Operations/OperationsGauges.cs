using System.Diagnostics.Metrics;
using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Operations.Canary;
using Orleans.Runtime;

namespace CrisisHub.Server.Operations;

/// <summary>
/// The gauges read when scraped: open cases by grade (from <see cref="OpenCaseCensus"/>), the active silos this node sees,
/// and when this node's canary last succeeded.
/// </summary>
public sealed class OperationsGauges
{
    public OperationsGauges(IMeterFactory meters, OpenCaseCensus census, IClusterMembershipService membership, CanaryStatus canary)
    {
        var meter = meters.Create(Grains.Telemetry.CrisisHubMetrics.MeterName);
        meter.CreateObservableGauge("crisishub.cases.open",
            // Every alerting grade, 0 when none is open: a dashboard shows 0, not "no data".
            () => Enum.GetValues<CrisisGrade>().Where(g => g != CrisisGrade.Watch).Select(grade => new Measurement<int>(
                census.Latest.FirstOrDefault(c => c.Key == grade.ToString())?.Count ?? 0, new KeyValuePair<string, object?>("grade", grade.ToString()))),
            "{case}", "Open cases on the wallboards, by grade (the canary's are not counted).");
        meter.CreateObservableGauge("crisishub.cluster.silos",
            () => membership.CurrentSnapshot.Members.Count(m => m.Value.Status == SiloStatus.Active),
            "{silo}", "Active silos as this node sees the cluster.");
        meter.CreateObservableGauge("crisishub.canary.last_success.time",
            () => canary.LastSuccessAt is { } at ? [new Measurement<double>(at.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            "s", "When this node's canary last got an alert through end to end (Unix time).");
    }
}
