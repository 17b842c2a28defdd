using CrisisHub.Contracts.Operations;

namespace CrisisHub.Grains.Operations;

/// <summary>
/// Keeps one reminder ticking each minute and remembers (in memory) when it last did. A new activation starts its wait anew:
/// a tick is due within a minute of registering. Times are on the host's clock, not the grain clock: Orleans' reminder
/// service delivers ticks on real time.
/// </summary>
public sealed class ReminderHeartbeatGrain(TimeProvider time) : Grain, IReminderHeartbeatGrain, IRemindable
{
    public const string ReminderName = "heartbeat";
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private DateTimeOffset _since;
    private DateTimeOffset? _lastTick;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _since = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task<ReminderHeartbeat> EnsureTickingAsync()
    {
        if (await this.GetReminder(ReminderName) is null) await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromSeconds(1), Period);
        return new ReminderHeartbeat(_since, _lastTick);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName) _lastTick = time.GetUtcNow();
        return Task.CompletedTask;
    }
}
