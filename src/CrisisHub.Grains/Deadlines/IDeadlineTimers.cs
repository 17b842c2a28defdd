namespace CrisisHub.Grains.Deadlines;

/// <summary>The timers and reminders a <see cref="DeadlineAlarm"/> uses: a grain's, or a test's on fake time.</summary>
public interface IDeadlineTimers
{
    /// <summary>Calls <paramref name="callback"/> once, after <paramref name="due"/>; disposing cancels it.</summary>
    IDisposable StartTimer(TimeSpan due, Func<Task> callback);

    Task SetReminderAsync(string name, TimeSpan due, TimeSpan period);

    Task RemoveReminderAsync(string name);
}

/// <summary>
/// A grain's own timers and its durable Orleans reminders. A timer keeps its activation alive while armed, unless
/// <paramref name="keepAlive"/> is false: for a deadline days away (a plan's review) the reminder alone brings the grain
/// back, rather than holding an activation in memory for days for a deadline that needs no second's precision.
/// </summary>
internal sealed class GrainDeadlineTimers(Grain grain, bool keepAlive = true) : IDeadlineTimers
{
    public IDisposable StartTimer(TimeSpan due, Func<Task> callback) =>
        grain.RegisterGrainTimer(static (callback, _) => callback(), callback,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = keepAlive });

    public Task SetReminderAsync(string name, TimeSpan due, TimeSpan period) => grain.RegisterOrUpdateReminder(name, due, period);

    public async Task RemoveReminderAsync(string name)
    {
        if (await grain.GetReminder(name) is { } reminder) await grain.UnregisterReminder(reminder);
    }
}
