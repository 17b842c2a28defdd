using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Cases;

public enum CaseActionKind
{
    TalkedWithStudent = 0,
    ContactedGuardian = 1,
    SafetyPlanMade = 2,
    AccompaniedStudent = 3,
    ReferredToPsychologist = 4,
    Other = 5,
}

[GenerateSerializer, Immutable, Alias("CrisisHub.FlagView")]
public sealed record FlagView(string FlagId, FlagSource Source, ObservedSign[] Signs, string? Note,
    CrisisGrade SuggestedGrade, string ReporterId, DateTimeOffset SubmittedAt);

/// <summary>
/// An action on the case. <see cref="ActorRole"/> came later (null on older records): a note written by the psychology
/// centre is clinical, and only the psychology centre reads it (see the server's case shapes).
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.CaseActionView")]
public sealed record CaseActionView(CaseActionKind Kind, string? Note, string ActorId, string ActorName, DateTimeOffset At,
    ResponderRole? ActorRole = null);

[GenerateSerializer, Immutable, Alias("CrisisHub.GradeChangeView")]
public sealed record GradeChangeView(CrisisGrade From, CrisisGrade To, string Reason, string ActorId, DateTimeOffset At);

/// <summary>Where escalation stands: the step (0-based) and round, and the deadline that moves it on.</summary>
[GenerateSerializer, Immutable]
public sealed record EscalationView(
    AlertState State,
    int StepIndex,
    int Round,
    int StepCount,
    NetworkLevel[] CurrentLevels,
    DateTimeOffset? StepDeadline,
    bool Exhausted,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ActionDueAt,
    string[] NotifiedNodeIds);

[GenerateSerializer, Immutable]
public sealed record CaseView(
    string CaseId,
    string StudentId,
    string StudentName,
    StudentPlacement Placement,
    CrisisGrade Grade,
    CaseStatus Status,
    string? OwnerId,
    EscalationView Escalation,
    FlagView[] Flags,
    CaseActionView[] Actions,
    GradeChangeView[] GradeChanges,
    string? Disposition,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    Sms.SmsDeliveryView[] Texts,
    string[] UnsubscribedRecipients,
    Sms.GuardianConfirmationView[] GuardianConfirmations,
    Referrals.ReferralSummary[] Referrals,
    Referrals.GuardianConsentView[] Consents,
    Missing.MissingEpisodeView[]? MissingEpisodes = null)
{
    /// <summary>A missing episode is open: the page offers "found".</summary>
    public bool StudentMissing => IsOpen && MissingEpisodes is { Length: > 0 } episodes && episodes[^1].Open;

    // Derived answers for the pages (sent as JSON, never stored or serialized between grains), so no page
    // re-encodes which statuses end a referral or which grades may be referred.

    /// <summary>The case is still being worked: actions, grade changes, consent and closing are open to its readers.</summary>
    public bool IsOpen => Status != CaseStatus.Closed;

    /// <summary>A referral may be requested now (the guardian's consent is checked on the request).</summary>
    public bool CanRefer => Contracts.Referrals.ReferralRules.CanRefer(Status, Grade, Referrals);

    /// <summary>An open case whose grade the green channel does not take (the page says which grades it does).</summary>
    public bool GradeTooLowToRefer => IsOpen && !Contracts.Referrals.ReferralRules.MayBeReferred(Grade);
}

/// <summary>What the system (not a person) needs to route and authorise: no name, nothing clinical.</summary>
[GenerateSerializer, Immutable]
public sealed record CaseRouting(string CaseId, string StudentId, StudentPlacement Placement, CaseStatus Status,
    string[] FlagIds, string[] ReporterIds, CrisisGrade Grade = CrisisGrade.Watch);
