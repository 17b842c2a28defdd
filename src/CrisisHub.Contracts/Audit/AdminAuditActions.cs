using System.Reflection;

namespace CrisisHub.Contracts.Audit;

/// <summary>
/// Every action an admin audit record can name. The values are stored in hash-chained records: never rename one,
/// only add. Kept apart from <see cref="AuditActions"/> (a case's trail) so each list means one thing.
/// </summary>
public static class AdminAuditActions
{
    public const string NodeDefined = "NodeDefined";
    public const string RespondersSet = "RespondersSet";
    public const string StudentSaved = "StudentSaved";
    public const string PolicySet = "PolicySet";
    public const string AccountSaved = "AccountSaved";
    public const string HospitalSaved = "HospitalSaved";
    public const string GreenChannelSet = "GreenChannelSet";
    public const string SmsReplySimulated = "SmsReplySimulated";
    public const string AccountUnlocked = "AccountUnlocked";

    public static IReadOnlyList<string> All { get; } =
    [
        .. typeof(AdminAuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!),
    ];
}
