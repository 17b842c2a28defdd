using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Privacy;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains;

/// <summary>
/// Makes sure the daily jobs' reminders (the audit anchor, retention) exist once a silo is active. Reminders are
/// durable, so this matters only on the first start of an installation (or after the reminder table was lost); every
/// silo may ask, asking twice changes nothing.
/// </summary>
public sealed partial class DailyJobsSchedule(IGrainFactory grains, ILogger<DailyJobsSchedule> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private Task? _ensure;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DailyJobsSchedule), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // Beside start-up, as the sweeps run: the reminder service may still be settling.
        _ensure = Task.Run(() => Task.WhenAll(
            EnsureAsync("audit anchor", () => grains.GetGrain<IAuditAnchorGrain>(AuditAnchors.GrainKey).EnsureScheduledAsync()),
            EnsureAsync("retention", () => grains.GetGrain<IRetentionJobGrain>(IRetentionJobGrain.Key).EnsureScheduledAsync())), CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken) => (_ensure ?? Task.CompletedTask).WaitAsync(cancellationToken);

    private async Task EnsureAsync(string job, Func<Task> ensure)
    {
        try
        {
            await ensure();
        }
        catch (Exception exception)
        {
            // Logged, not fatal: alerts matter more than daily jobs; verification reports stale anchors, the retention
            // job's last run shows when it stopped.
            LogScheduleFailed(exception, job);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not schedule the daily {Job} job")]
    private partial void LogScheduleFailed(Exception exception, string job);
}
