using CrisisHub.Contracts.Operations;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>One run in progress: the stage it has reached, awaitable (the status page shows it; tests drive fake time by it).</summary>
public sealed class CanaryRun
{
    private readonly Lock _lock = new();
    private readonly Dictionary<CanaryStage, TaskCompletionSource> _reached = [];

    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CanaryStage Stage { get; private set; } = CanaryStage.SignIn;

    /// <summary>Completes when the run has ended and its report is the status's last.</summary>
    public Task Ended => _ended.Task;

    public void Enter(CanaryStage stage)
    {
        lock (_lock)
        {
            Stage = stage;
            Reached(stage).TrySetResult();
        }
    }

    /// <summary>Completes when the run enters <paramref name="stage"/> (or at once if it already passed it).</summary>
    public Task WhenAt(CanaryStage stage)
    {
        lock (_lock) return Stage >= stage ? Task.CompletedTask : Reached(stage).Task;
    }

    /// <summary>The run ended: a stage it never reached will not come.</summary>
    public void End()
    {
        lock (_lock)
            foreach (var waiting in _reached.Values) waiting.TrySetResult();
        _ended.TrySetResult();
    }

    private TaskCompletionSource Reached(CanaryStage stage)
    {
        if (!_reached.TryGetValue(stage, out var source))
            _reached[stage] = source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return source;
    }
}
