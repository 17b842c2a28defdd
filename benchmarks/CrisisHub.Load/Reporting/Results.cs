namespace CrisisHub.Load.Reporting;

/// <summary>Latency percentiles in milliseconds (nearest rank), over the flags whose alert arrived.</summary>
public sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0 ? new(0, double.NaN, double.NaN, double.NaN) : new(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>One measured run: the floor or the product at one rate, with some alerts already open.</summary>
public sealed record RateResult
{
    public required string System { get; init; }
    public required double Rate { get; init; }
    public required int OpenBefore { get; init; }
    public required double DurationSeconds { get; init; }
    public required int Flags { get; init; }
    /// <summary>Flags whose alert arrived, per second, from the first planned send to the last arrival.</summary>
    public required double Achieved { get; init; }
    public required LatencySummary Latency { get; init; }
    /// <summary>p99 of the flags planned in the first and the last third of the run (the first and last 20 s of 60).</summary>
    public required double FirstThirdP99 { get; init; }
    public required double LastThirdP99 { get; init; }
    /// <summary>Answered 2xx, but no alert arrived within the drain time.</summary>
    public required int Lost { get; init; }
    /// <summary>Refused (non-2xx) or failed (timeout, connection) POSTs.</summary>
    public required int Errors { get; init; }
    /// <summary>Receiving hub connections that closed during the run.</summary>
    public required int ReceiversDropped { get; init; }
    /// <summary>Measured flags that opened a case, and those attached to a case already open (the student walk wrapped).</summary>
    public int NewCases { get; init; }
    public int Attached { get; init; }
    public double? RatioToFloorP99 { get; init; }
    public double? CpuMsPerFlag { get; init; }
    public double? DiskBytesPerFlag { get; init; }
    public double? DurableCommitsPerFlag { get; init; }
    public double? StoredWritesPerFlag { get; init; }
    public double? DbGrowthBytesPer1000Flags { get; init; }
    public long? PeakRssBytes { get; init; }
    /// <summary>Product only: the district wallboard's open (first page and exact counts) before the run, and its total.</summary>
    public double? WallboardOpenMs { get; init; }
    public int? WallboardTotal { get; init; }
}

/// <summary>How late escalation steps fired while many other deadlines were pending.</summary>
public sealed record DeadlineResult
{
    public required int PendingDeadlines { get; init; }
    public required int PendingFlagErrors { get; init; }
    public required double StepSeconds { get; init; }
    public required int ProbeCases { get; init; }
    public required int ExpectedSteps { get; init; }
    /// <summary>Lateness (ms) of each step that fired: its push's arrival minus the deadline the previous push announced.</summary>
    public required LatencySummary Lateness { get; init; }
    /// <summary>Expected step firings whose push never arrived.</summary>
    public required int Missing { get; init; }
    public required int ProbeErrors { get; init; }
    public required long PeakRssBytes { get; init; }
}

/// <summary>The server's memory with many idle hub connections open.</summary>
public sealed record IdleResult
{
    public required int Requested { get; init; }
    public required int Opened { get; init; }
    public required int Failed { get; init; }
    public required int Dropped { get; init; }
    public required long RssBeforeBytes { get; init; }
    public required long RssWithConnectionsBytes { get; init; }
    public required long PeakRssBytes { get; init; }
    public double KilobytesPerConnection => Opened == 0 ? 0 : (RssWithConnectionsBytes - RssBeforeBytes) / 1024.0 / Opened;
}

/// <summary>A target of the issue, read against this run.</summary>
public sealed record TargetResult(string Target, string Measured, string Status);

public sealed record LoadReport
{
    public required DateTimeOffset StartedAt { get; init; }
    public required string Machine { get; init; }
    public required string Server { get; init; }
    public required int Schools { get; init; }
    public required int Students { get; init; }
    public required double DurationSeconds { get; init; }
    public required IReadOnlyList<RateResult> Rates { get; init; }
    public DeadlineResult? Deadlines { get; init; }
    public IdleResult? Idle { get; init; }
    public IReadOnlyList<TargetResult> Targets { get; init; } = [];
    /// <summary>What the report cannot measure on this server (e.g. no storage diagnostics endpoint).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
