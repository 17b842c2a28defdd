using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Referrals;

/// <summary>Everything a referral grain needs at creation; the case grain builds it.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ReferralCreation")]
public sealed record ReferralCreation(
    string ReferralId,
    string CaseId,
    string SchoolId,
    string DistrictId,
    HospitalDefinition Hospital,
    CrisisGrade Grade,
    HandoffPacket Packet,
    GreenChannelSettings Settings,
    Actor RequestedBy,
    DateTimeOffset RequestedAt);

/// <summary>What the server needs to authorise a call: which case and which hospital. No personal data.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferralRouting(string ReferralId, string CaseId, string HospitalId, ReferralStatus Status);

/// <summary>A step of the referral or of the return to school, as the referral's own history records it.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ReferralEvent")]
public sealed record ReferralEvent(
    int Sequence,
    string Kind,
    ReferralStatus Status,
    string ActorId,
    string ActorName,
    Network.ResponderRole? ActorRole,
    ReferralSide? Side,
    DateTimeOffset At,
    string? Reason,
    string? Note);

/// <summary>A deadline of the referral: reach a step by a time. Missed once it passes unmet; it stays on show until met.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferralDeadlineView(string Name, ReferralStatus? Reach, DateTimeOffset DueAt, DateTimeOffset? MetAt, bool Missed);

[GenerateSerializer, Immutable, Alias("CrisisHub.ReEntryMeeting")]
public sealed record ReEntryMeeting(
    DateTimeOffset ReturnDate,
    string SafetyPlan,
    string Triggers,
    string AcademicAdjustments,
    string WhatClassmatesAreTold,
    string RecordedBy,
    DateTimeOffset RecordedAt);

[GenerateSerializer, Immutable]
public sealed record CheckInView(int Number, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? DoneBy, string? Note, bool Missed);

[GenerateSerializer, Immutable]
public sealed record ReturnPlanView(
    DateTimeOffset? DischargedAt,
    DateTimeOffset? CaringContactDueAt,
    DateTimeOffset? CaringContactAt,
    string? CaringContactNote,
    ReEntryMeeting? ReEntry,
    CheckInView[] CheckIns);

[GenerateSerializer, Immutable]
public sealed record ReferralView(
    string ReferralId,
    string CaseId,
    string HospitalId,
    string HospitalName,
    string HospitalPhone,
    CrisisGrade Grade,
    ReferralStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    HandoffPacket Packet,
    ReferralEvent[] Events,
    ReferralDeadlineView[] Deadlines,
    DateTimeOffset? CurrentDeadline,
    bool Overdue,
    bool? AdmissionConsented,
    ReturnPlanView Return,
    ReferralStatus[] SchoolCanMoveTo,
    ReferralStatus[] HospitalCanMoveTo)
{
    // Derived answers for the pages (sent as JSON, never stored), from the same rules the referral grain enforces.

    /// <summary>The hospital's next steps that end the referral (the desk shows them as refusals).</summary>
    public ReferralStatus[] HospitalStepsThatEnd => [.. HospitalCanMoveTo.Where(ReferralRules.Ends)];

    /// <summary>One of the hospital's next steps needs the guardian's consent to admission recorded with it.</summary>
    public bool HospitalStepNeedsAdmissionConsent => HospitalCanMoveTo.Any(ReferralRules.NeedsAdmissionConsent);

    /// <summary>The school may cancel the referral now.</summary>
    public bool SchoolCanCancel => SchoolCanMoveTo.Contains(ReferralStatus.Cancelled);

    /// <summary>The student is discharged and the school has yet to record its caring contact.</summary>
    public bool SchoolCanRecordCaringContact => Return.DischargedAt is not null && Return.CaringContactAt is null;

    /// <summary>The hospital has cleared the return: the school completes the referral by recording the re-entry meeting.</summary>
    public bool SchoolCanRecordReEntry => Status == ReferralStatus.ReturnClearance;

    /// <summary>A follow-up check-in is due (neither done nor missed).</summary>
    public bool SchoolCanRecordCheckIn => Return.CheckIns.Any(c => c.DoneAt is null && !c.Missed);
}

/// <summary>
/// A referral as a desk queue, a case and a wallboard list it: masked name, no clinical detail. Version is the
/// number of events so far, so a newer summary is told from an older one whatever the clocks say.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ReferralSummary")]
public sealed record ReferralSummary(
    string ReferralId,
    string CaseId,
    string HospitalId,
    string HospitalName,
    string MaskedName,
    int Age,
    string SchoolName,
    CrisisGrade Grade,
    ReferralStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CurrentDeadline,
    string? CurrentDeadlineName,
    bool Overdue,
    bool FollowUpActive,
    int Version);

/// <summary>What a referral tells its case after each event: the case chains it into its audit trail.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferralReport(ReferralSummary Summary, ReferralEvent Event);
