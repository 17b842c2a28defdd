using CrisisHub.Grains.Deadlines;
using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Grains.Tests;

/// <summary>The alarm's timer on fake time, woken by hand: exactly when, and how early, is the test's to say.</summary>
public sealed class DeadlineAlarmTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 3, 4, 8, 0, 0, TimeSpan.Zero));
    private readonly HandWokenTimers _timers = new();

    [Fact]
    public async Task ATimerThatWakesOneTickEarlyIsArmedAgainForTheRestNotLeftToTheReminder()
    {
        var deadline = _clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        var firedAt = new List<DateTimeOffset>();
        DeadlineAlarm alarm = null!;
        // What a grain's check does: act on a deadline that has come, otherwise arm the same one again.
        alarm = new DeadlineAlarm(_timers, _clock, async () =>
        {
            if (_clock.GetUtcNow() >= deadline) firedAt.Add(_clock.GetUtcNow());
            else await alarm.SetAsync(deadline);
        });
        await alarm.SetAsync(deadline);

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        await _timers.WakeLatestAsync();

        firedAt.ShouldBeEmpty();
        _timers.Started.Count.ShouldBe(2, "the spent timer is replaced");
        _timers.Started[^1].Due.ShouldBe(TimeSpan.FromTicks(1));
        _clock.Advance(TimeSpan.FromTicks(1));
        await _timers.WakeLatestAsync();
        firedAt.ShouldBe([deadline]);
        _timers.Reminders.ShouldBe([TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1)], "the durable reminder is written once per deadline");
    }

    [Fact]
    public async Task ArmingTheSameDeadlineWhileItsTimerIsPendingChangesNothing()
    {
        var deadline = _clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        var alarm = new DeadlineAlarm(_timers, _clock, () => Task.CompletedTask);

        await alarm.SetAsync(deadline);
        await alarm.SetAsync(deadline);

        _timers.Started.ShouldHaveSingleItem();
        _timers.Reminders.ShouldHaveSingleItem();
        await alarm.SetAsync(null);
        _timers.Started[0].Disposed.ShouldBeTrue();
        _timers.RemovedReminders.ShouldBe(1);
    }

    [Fact]
    public async Task ANewActivationWithNoDeadlineRemovesAReminderAnEarlierOneMayHaveLeftOnce()
    {
        // A crash between a grain's final write and the reminder's removal leaves the reminder behind; without
        // this it would wake the grain every minute for ever.
        var alarm = new DeadlineAlarm(_timers, _clock, () => Task.CompletedTask);

        await alarm.SetAsync(null);
        await alarm.SetAsync(null);

        _timers.RemovedReminders.ShouldBe(1);
        _timers.Started.ShouldBeEmpty();
    }

    private sealed class HandWokenTimers : IDeadlineTimers
    {
        public List<Timer> Started { get; } = [];
        public List<TimeSpan> Reminders { get; } = [];
        public int RemovedReminders { get; private set; }

        public IDisposable StartTimer(TimeSpan due, Func<Task> callback)
        {
            var timer = new Timer(due, callback);
            Started.Add(timer);
            return timer;
        }

        public Task WakeLatestAsync() => Started[^1].Disposed ? throw new InvalidOperationException("That timer was cancelled.") : Started[^1].Callback();

        public Task SetReminderAsync(string name, TimeSpan due, TimeSpan period)
        {
            Reminders.Add(due);
            return Task.CompletedTask;
        }

        public Task RemoveReminderAsync(string name)
        {
            RemovedReminders++;
            return Task.CompletedTask;
        }

        public sealed class Timer(TimeSpan due, Func<Task> callback) : IDisposable
        {
            public TimeSpan Due { get; } = due;
            public Func<Task> Callback { get; } = callback;
            public bool Disposed { get; private set; }
            public void Dispose() => Disposed = true;
        }
    }
}
