using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using Orleans.Concurrency;

namespace CrisisHub.Contracts.Cases;

/// <summary>The opening facts of a case; the student grain supplies them.</summary>
[GenerateSerializer, Immutable]
public sealed record CaseOpening(string CaseId, string StudentId, string StudentName, StudentPlacement Placement, FlagSubmission FirstFlag);

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

    /// <summary>A person reads the case; the read is recorded in the audit chain.</summary>
    Task<CaseView> ReadAsync(Actor reader);

    Task<AcknowledgeResult> AcknowledgeAsync(Actor actor);

    Task<CaseView> RecordActionAsync(Actor actor, CaseActionKind kind, string? note);

    Task<CaseView> ChangeGradeAsync(Actor actor, CrisisGrade grade, string reason);

    Task<CaseView> CloseAsync(Actor actor, string disposition);

    Task<AuditTrail> ReadAuditAsync(Actor reader);

    /// <summary>
    /// A text of this case changed state. One-way: the text grain never waits on the case, so the two can
    /// never deadlock while the case is handing it another text.
    /// </summary>
    [OneWay]
    Task OnSmsOutcomeAsync(Sms.SmsOutcome outcome);

    /// <summary>A guardian confirmed the family text by reply; recorded on the case (it does not acknowledge the alert).</summary>
    Task RecordGuardianConfirmationAsync(Actor guardian, string messageId);

    /// <summary>A recipient of this case's texts sent STOP or START.</summary>
    [OneWay]
    Task OnSubscriptionChangedAsync(string recipientId, bool subscribed);
}
