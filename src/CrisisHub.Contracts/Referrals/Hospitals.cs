using CrisisHub.Contracts.Cases;
using Orleans.Concurrency;

namespace CrisisHub.Contracts.Referrals;

/// <summary>A designated psychiatric hospital (定点医院) of a district, as an administrator defines it.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.HospitalDefinition")]
public sealed record HospitalDefinition(
    string HospitalId,
    string DistrictId,
    string Name,
    string Phone,
    CrisisGrade[] AcceptedGrades,
    string Hours,
    string[] DeskAccounts);

/// <summary>
/// One referral deadline: reach <see cref="Reach"/> within <see cref="Within"/> of the moment the referral
/// reached <see cref="From"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ReferralDeadlineRule")]
public sealed record ReferralDeadlineRule(ReferralStatus Reach, ReferralStatus From, TimeSpan Within);

/// <summary>A district's green-channel settings: deadlines per grade and the return-to-school follow-up.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.GreenChannelSettings")]
public sealed record GreenChannelSettings(
    ReferralDeadlineRule[] Major,
    ReferralDeadlineRule[] Severe,
    TimeSpan CaringContactWithin,
    TimeSpan CheckInInterval,
    int CheckInCount)
{
    /// <summary>Major accept 30 min, arrive 2 h; Severe accept 2 h, evaluate 24 h; caring contact 24 h; weekly check-ins for a month.</summary>
    public static GreenChannelSettings Default { get; } = new(
        [new(ReferralStatus.Accepted, ReferralStatus.Requested, TimeSpan.FromMinutes(30)), new(ReferralStatus.Arrived, ReferralStatus.Accepted, TimeSpan.FromHours(2))],
        [new(ReferralStatus.Accepted, ReferralStatus.Requested, TimeSpan.FromHours(2)), new(ReferralStatus.Evaluated, ReferralStatus.Accepted, TimeSpan.FromHours(24))],
        TimeSpan.FromHours(24),
        TimeSpan.FromDays(7),
        4);

    public ReferralDeadlineRule[] For(CrisisGrade grade) => grade == CrisisGrade.Major ? Major : Severe;
}

/// <summary>The green channel of one district (keyed by district id): its designated hospitals and settings.</summary>
public interface IGreenChannelGrain : IGrainWithStringKey
{
    Task TrackHospitalAsync(HospitalDefinition hospital);

    Task<HospitalDefinition[]> GetHospitalsAsync();

    Task<GreenChannelSettings> SetSettingsAsync(GreenChannelSettings settings);

    Task<GreenChannelSettings> GetSettingsAsync();
}

/// <summary>One hospital liaison desk (keyed by hospital id): its definition and the referrals addressed to it.</summary>
public interface IHospitalGrain : IGrainWithStringKey
{
    Task<HospitalDefinition> DefineAsync(HospitalDefinition definition);

    /// <summary>Read-only, so a node being defined may ask whether its id is a hospital's while that hospital is being defined.</summary>
    [AlwaysInterleave]
    Task<HospitalDefinition?> GetAsync();

    /// <summary>Whether the hospital's own definition lists this account as one of its liaison desks: the only grant a desk has.</summary>
    [AlwaysInterleave]
    Task<bool> IsDeskAccountAsync(string userName);

    Task TrackReferralAsync(ReferralSummary summary);

    Task<ReferralSummary[]> GetQueueAsync();
}
