using System.Diagnostics.Metrics;
using CrisisHub.Contracts.Operations;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>The canary's runs by outcome and the stage they ended in, and how long each part of a run took.</summary>
public sealed class CanaryMetrics
{
    private readonly Meter _meter = Grains.Telemetry.CrisisHubMetrics.Shared;
    private Counter<long>? _runs;
    private Histogram<double>? _duration;

    private Counter<long> Runs => _runs ??= _meter.CreateCounter<long>("crisishub.canary.runs", "{run}", "Canary runs: success, or the stage a failure ended in.");

    private Histogram<double> Duration => _duration ??= _meter.CreateHistogram<double>("crisishub.canary.duration", "s",
        "How long a canary run's parts took: flag to push, flag to text handed to the outbox, first push to escalation, the whole run.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 90, 120, 300] });

    /// <summary>Every outcome starts at 0 for every stage, so an alert rule sees the first failure as an increase.</summary>
    public void Start()
    {
        Ran(true, CanaryStage.Done, 0);
        foreach (var stage in Enum.GetValues<CanaryStage>().Where(s => s != CanaryStage.Done)) Ran(false, stage, 0);
    }

    public void Ran(bool succeeded, CanaryStage stage, int count = 1) => Runs.Add(count,
        new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"),
        new KeyValuePair<string, object?>("stage", stage.ToString()));

    /// <param name="part">push, sms, escalation or total.</param>
    public void Took(string part, TimeSpan elapsed) => Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", part));
}
