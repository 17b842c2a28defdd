using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Contracts.Notifications;

public enum AlertEventKind
{
    Raised = 0,
    Escalated = 1,
    Acknowledged = 2,
    Exhausted = 3,
    Retriggered = 4,
    CaseUpdated = 5,
    Closed = 6,
    /// <summary>A green-channel referral of the case moved a step.</summary>
    ReferralUpdated = 7,
    /// <summary>A referral or return-to-school deadline passed unmet.</summary>
    ReferralOverdue = 8,
}

/// <summary>
/// A change of an alert, addressed to warning-network nodes (their responders) and to the live streams of
/// the school and district. It carries the summary only; a client re-reads the case through the API.
/// <see cref="Sequence"/> counts the case's notifications from 1 with no gaps, and <see cref="EventId"/>
/// ("{case}:{sequence}") names this one, so a client can drop a repeat and notice one it missed. <see cref="OnBoards"/>
/// says whether the case still belongs on inboxes and wallboards: the boards are written after the push, so a
/// client that re-reads at once may get the previous picture and keeps what the push told it until the board agrees.
/// <see cref="FiredNodeIds"/> are the nodes an escalation step fired at with this change (raised, escalated, re-notified):
/// their people get the step's Web Push. Empty for every other change.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertNotification(
    AlertEventKind Kind,
    AlertSummary Alert,
    string[] NodeIds,
    string SchoolId,
    string DistrictId,
    DateTimeOffset OccurredAt,
    long Sequence,
    string EventId,
    bool OnBoards = true,
    string[]? FiredNodeIds = null);

/// <summary>A referral changed: sent to its hospital desk's live queue.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferralNotification(string Kind, Referrals.ReferralSummary Referral, DateTimeOffset OccurredAt);

/// <summary>
/// A plan's review fell due without a new version: a General alert to the plan's owner alone. It names no student and
/// carries nothing of the plan; <see cref="StudentId"/> is the opaque id the owner's page opens the plan by (a read of its
/// own, recorded). <see cref="EventId"/> ("plan:{student}:{review date}") is the same for a repeat, so a client drops it.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PlanReviewNotification")]
public sealed record PlanReviewNotification(string OwnerUserName, string StudentId, Cases.CrisisGrade Grade, DateTimeOffset OccurredAt, string EventId);
