namespace CrisisHub.Contracts.Operations;

/// <summary>When a node's heartbeat reminder was registered and when it last ticked (null: not yet).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ReminderHeartbeat")]
public sealed record ReminderHeartbeat([property: Id(0)] DateTimeOffset Since, [property: Id(1)] DateTimeOffset? LastTick);

/// <summary>
/// A reminder each node keeps ticking once a minute (one grain per node name), so readiness can tell whether the reminder
/// service — what brings escalation deadlines back after a restart — still delivers.
/// </summary>
public interface IReminderHeartbeatGrain : IGrainWithStringKey
{
    Task<ReminderHeartbeat> EnsureTickingAsync();
}
