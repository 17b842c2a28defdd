using System.Diagnostics;
using CrisisHub.Load.Driving;
using CrisisHub.Load.Reporting;

namespace CrisisHub.Load.Scenarios;

/// <summary>Latency, loss and errors of one run, from its sends and the arrival time of each flag's push.</summary>
public static class RunSummary
{
    public static RateResult Of(string system, double rate, int open, TimeSpan duration, SendResult[] sends, IReadOnlyDictionary<long, long> arrived, int dropped)
    {
        double Ms(SendResult s) => Stopwatch.GetElapsedTime(s.PlannedTicks, arrived[s.Flag]).TotalMilliseconds;
        var delivered = sends.Where(s => s.Ok && arrived.ContainsKey(s.Flag)).ToList();
        var start = sends.Length == 0 ? 0 : sends.Min(s => s.PlannedTicks);
        var third = (long)(duration.TotalSeconds / 3 * Stopwatch.Frequency);
        var lastArrival = delivered.Count == 0 ? start : delivered.Max(s => arrived[s.Flag]);
        var span = Stopwatch.GetElapsedTime(start, lastArrival).TotalSeconds;
        return new RateResult
        {
            System = system,
            Rate = rate,
            OpenBefore = open,
            DurationSeconds = duration.TotalSeconds,
            Flags = sends.Length,
            Achieved = span > 0 ? delivered.Count / span : 0,
            Latency = LatencySummary.Of(delivered.Select(Ms)),
            FirstThirdP99 = LatencySummary.Of(delivered.Where(s => s.PlannedTicks - start < third).Select(Ms)).P99,
            LastThirdP99 = LatencySummary.Of(delivered.Where(s => s.PlannedTicks - start >= 2 * third).Select(Ms)).P99,
            Lost = sends.Count(s => s.Ok && !arrived.ContainsKey(s.Flag)),
            Errors = sends.Count(s => !s.Ok),
            ReceiversDropped = dropped,
        };
    }
}
