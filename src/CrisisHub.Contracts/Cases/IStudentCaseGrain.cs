using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using Orleans.Concurrency;

namespace CrisisHub.Contracts.Cases;

/// <summary>The opening facts of a case; the student grain supplies them.</summary>
[GenerateSerializer, Immutable]
public sealed record CaseOpening(string CaseId, string StudentId, string StudentName, StudentPlacement Placement, FlagSubmission FirstFlag);

[GenerateSerializer, Immutable]
public sealed record CaseAnonymisation(bool AnonymisedNow, string[] ReferralIds);

[GenerateSerializer, Immutable]
public sealed record AcknowledgeResult(bool Acknowledged, bool AlreadyAcknowledged, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

/// <summary>
/// A grain that owns deadlines. After a restart the server wakes every grain that still has a durable
/// deadline so that one which passed while the server was down fires at once.
/// </summary>
public interface IDeadlineOwnerGrain : IGrainWithStringKey
{
    Task WakeAsync();
}

/// <summary>One student case (keyed by case id): its life cycle, escalation, deadlines and audit chain.</summary>
public interface IStudentCaseGrain : IDeadlineOwnerGrain
{
    Task<CaseView> OpenAsync(CaseOpening opening);

    Task<CaseView> AttachFlagAsync(FlagSubmission flag);

    /// <summary>System use (routing, authorisation); not recorded as a read.</summary>
    Task<CaseRouting?> GetRoutingAsync();

    /// <summary>
    /// System use (the monthly report): the case's flags, escalation events and referrals without names or clinical
    /// detail; null for a case never opened. Not recorded as a read: nothing in it is personal.
    /// </summary>
    Task<Reports.CaseReportFacts?> GetReportFactsAsync();

    /// <summary>Puts the case's latest picture on its boards (or takes it off them) again; no change when they have it.</summary>
    Task RepairBoardsAsync();

    /// <summary>A person reads the case; the read is recorded in the audit chain.</summary>
    Task<CaseView> ReadAsync(Actor reader);

    Task<AcknowledgeResult> AcknowledgeAsync(Actor actor);

    Task<CaseView> RecordActionAsync(Actor actor, CaseActionKind kind, string? note);

    Task<CaseView> ChangeGradeAsync(Actor actor, CrisisGrade grade, string reason);

    Task<CaseView> CloseAsync(Actor actor, string disposition);

    /// <summary>
    /// The missing student was found: records it, stops the missing alarm's escalation at once (it counts as acknowledging
    /// and acting), texts everyone already texted about the case, and leaves the case open for follow-up.
    /// </summary>
    /// <param name="reportedNoLaterThan">When "found" answers one report (an integration's signal): the open episode must have
    /// been reported by then, so an old report cannot end a later episode (409).</param>
    Task<CaseView> RecordFoundAsync(Actor actor, Missing.FoundReport found, DateTimeOffset? reportedNoLaterThan = null);

    Task<AuditTrail> ReadAuditAsync(Actor reader);

    /// <summary>Someone outside the case's scope opened it in an emergency: one record in the trail (the case is not rewritten).</summary>
    Task RecordBreakGlassAsync(Actor reader, string useId, DateTimeOffset expiresAt);

    /// <summary>
    /// Retention: a case closed before <paramref name="closedBefore"/> loses its names and free text. Answers whether
    /// this call did it, and the ids of its referrals whenever the case is anonymised (now or before), for the caller to
    /// anonymise in turn: the case never calls a referral itself, as a referral being read calls its case.
    /// </summary>
    Task<CaseAnonymisation> AnonymiseIfClosedBeforeAsync(DateTimeOffset closedBefore);

    /// <summary>
    /// Retention of texts, open case or closed: the numbers in the case's delivery records of texts decided before
    /// <paramref name="decidedBefore"/> are forgotten. Answers the ids of the texts forgotten by this call (none on a
    /// repeat), for the caller to forget their bodies and numbers in turn (a text reports to its case, so the case never
    /// calls it). A crash between the two leaves that text's own number and body in place: a known gap, in the closing note.
    /// </summary>
    Task<string[]> ForgetTextNumbersBeforeAsync(DateTimeOffset decidedBefore);

    /// <summary>
    /// A text of this case changed state. One-way: the text grain never waits on the case, so the two can
    /// never deadlock while the case is handing it another text.
    /// </summary>
    [OneWay]
    Task OnSmsOutcomeAsync(Sms.SmsOutcome outcome);

    /// <summary>A guardian confirmed the family text by reply; recorded on the case (it does not acknowledge the alert).</summary>
    Task RecordGuardianConfirmationAsync(Actor guardian, string messageId);

    /// <summary>The guardian's consent to, or refusal of, a green-channel referral.</summary>
    Task<CaseView> RecordConsentAsync(Actor actor, Referrals.ConsentDecision decision, string guardianName, string relationship, string? note);

    /// <summary>Builds the handoff packet and creates the referral (Severe and Major only, with the guardian's consent).</summary>
    Task<Referrals.ReferralView> RequestReferralAsync(Actor actor, Referrals.ReferralOrder order);

    /// <summary>A referral of this case recorded an event; the case chains it into its audit trail (idempotent by sequence).</summary>
    Task RecordReferralEventAsync(Referrals.ReferralReport report);

    /// <summary>A person read a referral's handoff packet: a read of this case's data.</summary>
    Task RecordReferralReadAsync(Actor reader, string referralId);

    /// <summary>A recipient of this case's texts sent STOP or START.</summary>
    [OneWay]
    Task OnSubscriptionChangedAsync(string recipientId, bool subscribed);
}
