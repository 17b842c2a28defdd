using CrisisHub.Contracts.Operations;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>This node's canary: the run in progress, the last report and when a run last succeeded (the gauge).</summary>
public sealed class CanaryStatus
{
    private readonly Lock _lock = new();
    private TaskCompletionSource<CanaryRun> _nextRun = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CanaryRun? Current { get; private set; }
    public CanaryReport? Last { get; private set; }
    public DateTimeOffset? LastSuccessAt { get; private set; }

    /// <summary>The next run to start (or the one running now).</summary>
    public Task<CanaryRun> NextRunAsync()
    {
        lock (_lock) return Current is { } running ? Task.FromResult(running) : _nextRun.Task;
    }

    internal CanaryRun Start()
    {
        lock (_lock)
        {
            var run = Current = new CanaryRun();
            _nextRun.TrySetResult(run);
            _nextRun = new TaskCompletionSource<CanaryRun>(TaskCreationOptions.RunContinuationsAsynchronously);
            return run;
        }
    }

    internal void Finish(CanaryRun run, CanaryReport report)
    {
        lock (_lock)
        {
            Last = report;
            if (report.Succeeded) LastSuccessAt = report.At;
            if (Current == run) Current = null;
        }

        run.End();
    }
}
