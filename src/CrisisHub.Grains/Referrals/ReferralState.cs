using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Referrals;

[GenerateSerializer, Alias("CrisisHub.ReferralState")]
public sealed class ReferralState
{
    [Id(0)] public ReferralCreation? Creation { get; set; }

    /// <summary>When each step of the path was reached: the deadline clocks start from these, and the last is the status.</summary>
    [Id(2)] public List<ReachedStep> Reached { get; set; } = [];

    public ReferralStatus Status => Reached.Count == 0 ? ReferralStatus.Requested : Reached[^1].Status;

    /// <summary>Declined, cancelled or failed: the referral ended without the student's return being managed by it.</summary>
    public bool Ended => Status is ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.Failed;
    [Id(3)] public List<ReferralEvent> Events { get; set; } = [];

    /// <summary>Names of the deadlines already reported as missed (each is reported once).</summary>
    [Id(4)] public List<string> Missed { get; set; } = [];
    [Id(5)] public bool? AdmissionConsented { get; set; }
    [Id(6)] public DateTimeOffset? DischargedAt { get; set; }
    [Id(7)] public DateTimeOffset? CaringContactAt { get; set; }
    [Id(8)] public string? CaringContactNote { get; set; }
    [Id(9)] public ReEntryMeeting? ReEntry { get; set; }
    [Id(10)] public List<CheckInState> CheckIns { get; set; } = [];

    /// <summary>The last event the case is known to have chained; later ones are re-sent until it has them.</summary>
    [Id(11)] public int ReportedUpTo { get; set; }
    [Id(12)] public DateTimeOffset UpdatedAt { get; set; }
}

[GenerateSerializer, Alias("CrisisHub.ReachedStep")]
public sealed record ReachedStep([property: Id(0)] ReferralStatus Status, [property: Id(1)] DateTimeOffset At);

[GenerateSerializer, Alias("CrisisHub.CheckInState")]
public sealed class CheckInState
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public DateTimeOffset DueAt { get; set; }
    [Id(2)] public DateTimeOffset? DoneAt { get; set; }
    [Id(3)] public string? DoneBy { get; set; }
    [Id(4)] public string? Note { get; set; }
    [Id(5)] public bool Missed { get; set; }
}
