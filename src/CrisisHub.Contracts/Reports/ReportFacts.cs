using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Contracts.Reports;

/// <summary>A flag as the monthly report counts it: where it came from, what grade it suggested and when. No reporter, signs or note.</summary>
[GenerateSerializer, Immutable]
public sealed record FlagFact(FlagSource Source, CrisisGrade SuggestedGrade, DateTimeOffset SubmittedAt);

/// <summary>Which kind of escalation event an <see cref="AlertFact"/> is.</summary>
public enum AlertFactKind
{
    /// <summary>The alert was raised (a new case, or a raised grade restarting notifications).</summary>
    Raised = 0,
    /// <summary>Nobody acknowledged in time: the next step fired.</summary>
    Escalated = 1,
    Acknowledged = 2,
    /// <summary>Every step and repeat passed without an acknowledgement.</summary>
    Exhausted = 3,
}

/// <summary>
/// One escalation event of a case, from its audit trail: when, at which step (counted from 0) and levels, the step's
/// deadline (the one set by a firing, the one beaten by an acknowledgement), and the grade whose policy was running.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertFact(AlertFactKind Kind, DateTimeOffset At, CrisisGrade Grade, int StepIndex, int Round, NetworkLevel[] Levels,
    DateTimeOffset? Deadline);

/// <summary>What the monthly report needs of a case: no name, no student id, nothing clinical.</summary>
[GenerateSerializer, Immutable]
public sealed record CaseReportFacts(string CaseId, string SchoolId, string GradeId, CrisisGrade Grade, DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt, FlagFact[] Flags, AlertFact[] Alerts, string[] ReferralIds);

/// <summary>What the monthly report needs of a referral: its grade, where it stands, and every deadline with when it was met.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferralReportFacts(string ReferralId, string CaseId, CrisisGrade Grade, ReferralStatus Status, DateTimeOffset RequestedAt,
    ReferralDeadlineView[] Deadlines);
