namespace CrisisHub.Grains.Deadlines;

/// <summary>
/// The next deadline of a grain, held twice: a grain timer gives sub-second precision while the grain is
/// active, and an Orleans reminder (durable, at least one-minute period) brings the grain back after
/// deactivation, a restart or the loss of its silo. Both only call the grain's check, which compares its
/// stored deadlines with the clock, so a double firing is harmless. Every grain with deadlines uses the same
/// reminder name, which is how the start-up sweep finds them all.
/// </summary>
public sealed class DeadlineAlarm(Grain grain, TimeProvider time, Func<Task> check)
{
    public const string ReminderName = "deadline";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    // The reminder is the backstop: let the precise timer win while the grain is active.
    private static readonly TimeSpan ReminderGrace = TimeSpan.FromSeconds(1);

    private readonly Func<Task> _check = check;
    private IGrainTimer? _timer;
    private DateTimeOffset? _armedFor;

    /// <summary>Arms both for <paramref name="next"/>, or removes both when there is no deadline left.</summary>
    public async Task SetAsync(DateTimeOffset? next)
    {
        if (next == _armedFor && (next is null || _timer is not null)) return;

        _timer?.Dispose();
        _timer = null;
        _armedFor = next;
        if (next is null)
        {
            if (await grain.GetReminder(ReminderName) is { } reminder) await grain.UnregisterReminder(reminder);
            return;
        }

        var due = next.Value - time.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        _timer = grain.RegisterGrainTimer(static (alarm, _) => alarm._check(), this,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        await grain.RegisterOrUpdateReminder(ReminderName, due + ReminderGrace, ReminderPeriod);
    }
}
