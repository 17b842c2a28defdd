using CrisisHub.Contracts.Audit;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// Makes sure the daily anchor's reminder exists once a silo is active. Reminders are durable, so this matters only on the
/// first start of an installation (or after the reminder table was lost); every silo may ask, asking twice changes nothing.
/// </summary>
public sealed partial class AuditAnchorSchedule(IGrainFactory grains, ILogger<AuditAnchorSchedule> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private Task? _ensure;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AuditAnchorSchedule), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // Beside start-up, as the sweeps run: the reminder service may still be settling.
        _ensure = Task.Run(EnsureAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken) => (_ensure ?? Task.CompletedTask).WaitAsync(cancellationToken);

    private async Task EnsureAsync()
    {
        try
        {
            await grains.GetGrain<IAuditAnchorGrain>(AuditAnchors.GrainKey).EnsureScheduledAsync();
        }
        catch (Exception exception)
        {
            // Logged, not fatal: alerts matter more than anchors, and verification reports stale anchors.
            LogScheduleFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not schedule the daily audit anchor; verification will report the anchors as stale")]
    private partial void LogScheduleFailed(Exception exception);
}
