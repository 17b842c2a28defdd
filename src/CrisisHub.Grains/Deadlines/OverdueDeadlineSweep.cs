using CrisisHub.Contracts.Cases;
using CrisisHub.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Deadlines;

/// <summary>
/// Wakes every grain that still holds a durable deadline: when this silo becomes active, and whenever the
/// cluster declares a silo dead. Orleans would deliver an overdue reminder on its own, but only on the
/// reminder's next tick; an alert whose deadline passed while the server was down, or whose activation died
/// with its silo, must escalate at once (and get its precise timer back). Waking is idempotent — each grain
/// compares its stored deadlines with the clock — so every silo may do it.
/// </summary>
public sealed partial class OverdueDeadlineSweep(
    IReminderTable reminders,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILogger<OverdueDeadlineSweep> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Parallelism = 8;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweep;
    private Task? _watch;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OverdueDeadlineSweep), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // Startup must not wait on hundreds of activations; the sweep runs beside it.
        _sweep = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
        _watch = Task.Run(WatchForDeadSilosAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_sweep ?? Task.CompletedTask, _watch ?? Task.CompletedTask).WaitAsync(cancellationToken);
    }

    private async Task WatchForDeadSilosAsync()
    {
        var dead = new HashSet<SiloAddress>(membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress));
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count == 0) continue;
                LogSiloDied(string.Join(", ", newlyDead.Select(m => m.SiloAddress)));
                await SweepAsync(_stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Silo stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} declared dead: waking the grains with pending deadlines")]
    private partial void LogSiloDied(string silos);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Two reads cover the whole ring whatever the table does with an empty (begin == end) range.
            var rows = (await reminders.ReadRows(0u, uint.MaxValue)).Reminders
                .Concat((await reminders.ReadRows(uint.MaxValue, 0u)).Reminders)
                .Where(r => r.ReminderName == DeadlineAlarm.ReminderName)
                .Select(r => r.GrainId)
                .Distinct()
                .ToList();
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (grainId, _) => await grains.GetGrain<IDeadlineOwnerGrain>(grainId).WakeAsync());
            LogSwept(rows.Count);
            return rows.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reminders still fire on their own; this only makes them prompt.
            LogSweepFailed(exception);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} grains with pending deadlines")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue-deadline sweep failed; reminders will catch up on their next tick")]
    private partial void LogSweepFailed(Exception exception);
}
