namespace CrisisHub.Contracts.Audit;

/// <summary>
/// <see cref="AdminAuditAction"/> as the text an admin audit record stores: aliases of the enum's names, so the enum is
/// the one list. Kept apart from <see cref="AuditActions"/> (a case's trail) so each list means one thing.
/// </summary>
public static class AdminAuditActions
{
    public const string NodeDefined = nameof(AdminAuditAction.NodeDefined);
    public const string RespondersSet = nameof(AdminAuditAction.RespondersSet);
    public const string StudentSaved = nameof(AdminAuditAction.StudentSaved);
    public const string PolicySet = nameof(AdminAuditAction.PolicySet);
    public const string AccountSaved = nameof(AdminAuditAction.AccountSaved);
    public const string HospitalSaved = nameof(AdminAuditAction.HospitalSaved);
    public const string GreenChannelSet = nameof(AdminAuditAction.GreenChannelSet);
    public const string SmsReplySimulated = nameof(AdminAuditAction.SmsReplySimulated);
    public const string AccountUnlocked = nameof(AdminAuditAction.AccountUnlocked);
    public const string SmsOutboxRead = nameof(AdminAuditAction.SmsOutboxRead);
    public const string BreakGlassOpened = nameof(AdminAuditAction.BreakGlassOpened);
    public const string BreakGlassReviewed = nameof(AdminAuditAction.BreakGlassReviewed);
    public const string CorrectionRequested = nameof(AdminAuditAction.CorrectionRequested);
    public const string CorrectionDecided = nameof(AdminAuditAction.CorrectionDecided);
    public const string RetentionSet = nameof(AdminAuditAction.RetentionSet);
    public const string InstrumentSaved = nameof(AdminAuditAction.InstrumentSaved);
    public const string LedgerLevelsSet = nameof(AdminAuditAction.LedgerLevelsSet);
    public const string IntegrationClientRegistered = nameof(AdminAuditAction.IntegrationClientRegistered);
    public const string IntegrationKeyRotated = nameof(AdminAuditAction.IntegrationKeyRotated);
    public const string IntegrationClientRevoked = nameof(AdminAuditAction.IntegrationClientRevoked);
    public const string MissingGradesSet = nameof(AdminAuditAction.MissingGradesSet);
    public const string HotlinesSet = nameof(AdminAuditAction.HotlinesSet);

    public static string Stored(this AdminAuditAction action) => action.ToString();

    public static IReadOnlyList<string> All { get; } = Enum.GetNames<AdminAuditAction>();
}
