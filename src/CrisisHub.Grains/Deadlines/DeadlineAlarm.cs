namespace CrisisHub.Grains.Deadlines;

/// <summary>
/// The next deadline of a grain, held twice: a grain timer gives sub-second precision while the grain is
/// active, and an Orleans reminder (durable, at least one-minute period) brings the grain back after
/// deactivation, a restart or the loss of its silo. Both only call the grain's check, which compares its
/// stored deadlines with the clock, so a double firing is harmless. Every crisis deadline (cases, referrals) uses the
/// same reminder name, which is how the start-up sweep finds them all; a deadline that is not a crisis's (a plan's review,
/// days away) names its own, so a restart does not wake every plan before the overdue alerts.
/// </summary>
public sealed class DeadlineAlarm(IDeadlineTimers timers, TimeProvider time, Func<Task> check, string reminderName = DeadlineAlarm.ReminderName)
{
    public const string ReminderName = "deadline";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    // The reminder is the backstop: let the precise timer win while the grain is active.
    private static readonly TimeSpan ReminderGrace = TimeSpan.FromSeconds(1);

    private IDisposable? _timer;
    private DateTimeOffset? _armedFor;
    private DateTimeOffset? _reminderFor;
    // A new activation cannot know what an earlier one left behind (a crash between a final write and the
    // reminder's removal): the first "no deadline" of an activation removes any reminder, once.
    private bool _reminderMayExist = true;

    public DeadlineAlarm(Grain grain, TimeProvider time, Func<Task> check) : this(new GrainDeadlineTimers(grain), time, check)
    {
    }

    /// <summary>Arms both for <paramref name="next"/>, or removes both when there is no deadline left.</summary>
    public async Task SetAsync(DateTimeOffset? next)
    {
        // A timer that has fired is gone (see OnTimerAsync): the same deadline is then armed again.
        if (next == _armedFor && (next is null ? !_reminderMayExist : _timer is not null)) return;

        _timer?.Dispose();
        _timer = null;
        _armedFor = next;
        if (next is null)
        {
            await timers.RemoveReminderAsync(reminderName);
            _reminderFor = null;
            _reminderMayExist = false;
            return;
        }

        var due = next.Value - time.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        _timer = timers.StartTimer(due, OnTimerAsync);
        // Re-arming the timer for the same deadline (an early wake) leaves the stored reminder as it is.
        if (_reminderFor != next)
        {
            await timers.SetReminderAsync(reminderName, due + ReminderGrace, ReminderPeriod);
            _reminderFor = next;
            _reminderMayExist = true;
        }
    }

    /// <summary>
    /// A timer may wake a little before its deadline (timer resolution, a clock that moved). It is spent
    /// either way, so it is dropped before the check: when the check finds nothing due yet and arms the same
    /// deadline again, a new timer is made instead of leaving the step to the reminder a second later.
    /// </summary>
    private Task OnTimerAsync()
    {
        _timer?.Dispose();
        _timer = null;
        return check();
    }
}
