namespace CrisisHub.Contracts.Audit;

/// <summary>
/// Every action an admin audit record can name. As with <see cref="AuditAction"/>, the names are what the API sends
/// and the chained records store: never rename a member, only add.
/// </summary>
public enum AdminAuditAction
{
    NodeDefined,
    RespondersSet,
    StudentSaved,
    PolicySet,
    AccountSaved,
    HospitalSaved,
    GreenChannelSet,
    SmsReplySimulated,
    AccountUnlocked,
    SmsOutboxRead,
    BreakGlassOpened,
    BreakGlassReviewed,
    CorrectionRequested,
    CorrectionDecided,
    RetentionSet,
    InstrumentSaved,
    LedgerLevelsSet,
    IntegrationClientRegistered,
    IntegrationKeyRotated,
    IntegrationClientRevoked,
    MissingGradesSet,
    HotlinesSet,
}
