namespace CrisisHub.Contracts.Audit;

/// <summary>
/// Every action a case's audit record can name. The NAMES are the contract: the API sends them and the hash-chained
/// records store them as text (<c>AuditRecord.Action</c> stays a string, so old records keep verifying). Never rename
/// a member, only add; the numbers mean nothing outside this process.
/// </summary>
public enum AuditAction
{
    CaseOpened,
    FlagAttached,
    AlertRaised,
    AlertEscalated,
    AlertRenotified,
    AlertRetriggered,
    EscalationExhausted,
    AlertAcknowledged,
    ActionRecorded,
    GradeChanged,
    CaseClosed,
    CaseRead,
    AuditRead,
    TextUndeliverable,
    StepUnreachable,
    GuardianConfirmed,
    RecipientUnsubscribed,
    RecipientResubscribed,
    GuardianConsented,
    GuardianRefused,
    ReferralRequested,
    ReferralRead,
    FollowUpAlertRaised,
    BreakGlassOpened,
    CaseAnonymised,
    /// <summary>A call by an integration client, in the client's own chain ("integration:{clientId}").</summary>
    IntegrationCalled,
    StudentMissingReported,
    StudentFound,
}
