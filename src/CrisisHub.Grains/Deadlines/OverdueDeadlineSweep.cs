using CrisisHub.Contracts.Cases;
using CrisisHub.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Deadlines;

/// <summary>
/// When a silo becomes active it wakes every grain that still holds a durable deadline. Orleans would
/// deliver an overdue reminder on its own, but only on the reminder's next one-minute tick; an alert
/// whose deadline passed while the server was down must escalate right after start. Waking is
/// idempotent (each grain compares its stored deadlines with the clock), so every silo may do it.
/// </summary>
public sealed partial class OverdueDeadlineSweep(
    IReminderTable reminders,
    IGrainFactory grains,
    ILogger<OverdueDeadlineSweep> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Parallelism = 8;
    private Task? _sweep;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OverdueDeadlineSweep), ServiceLifecycleStage.Active, OnActiveAsync, _ => _sweep ?? Task.CompletedTask);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // Startup must not wait on hundreds of activations; the sweep runs beside it.
        _sweep = Task.Run(() => SweepAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Two reads cover the whole ring whatever the table does with an empty (begin == end) range.
            var rows = (await reminders.ReadRows(0u, uint.MaxValue)).Reminders
                .Concat((await reminders.ReadRows(uint.MaxValue, 0u)).Reminders)
                .Where(r => r.ReminderName == StudentCaseGrain.DeadlineReminderName)
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
