using System.Reflection;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Contracts.Audit;

/// <summary>
/// Every action an audit record can name, in one place, so a test can prove the pages have words for each.
/// The values are stored in hash-chained records: never rename one, only add.
/// </summary>
public static class AuditActions
{
    public const string CaseOpened = "CaseOpened";
    public const string FlagAttached = "FlagAttached";
    public const string AlertRaised = "AlertRaised";
    public const string AlertEscalated = "AlertEscalated";
    public const string AlertRenotified = "AlertRenotified";
    public const string AlertRetriggered = "AlertRetriggered";
    public const string EscalationExhausted = "EscalationExhausted";
    public const string AlertAcknowledged = "AlertAcknowledged";
    public const string ActionRecorded = "ActionRecorded";
    public const string GradeChanged = "GradeChanged";
    public const string CaseClosed = "CaseClosed";
    public const string CaseRead = "CaseRead";
    public const string AuditRead = "AuditRead";
    public const string TextUndeliverable = "TextUndeliverable";
    public const string StepUnreachable = "StepUnreachable";
    public const string GuardianConfirmed = "GuardianConfirmed";
    public const string RecipientUnsubscribed = "RecipientUnsubscribed";
    public const string RecipientResubscribed = "RecipientResubscribed";
    public const string GuardianConsented = "GuardianConsented";
    public const string GuardianRefused = "GuardianRefused";
    public const string ReferralRequested = "ReferralRequested";
    public const string ReferralRead = "ReferralRead";
    public const string FollowUpAlertRaised = "FollowUpAlertRaised";

    /// <summary>The action a referral event is chained into the case's trail as.</summary>
    public static string Referral(string eventKind) => $"Referral{eventKind}";

    /// <summary>Every action above and every chained referral event (no duplicates).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(ReferralEventKinds.All.Select(Referral))
            .Distinct(),
    ];
}
