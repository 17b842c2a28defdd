using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Contracts.Audit;

/// <summary>
/// <see cref="AuditAction"/> as the text an audit record stores. The constants are aliases of the enum's names (so a
/// typo in either is a compile error and the enum stays the one list); grain code writes records with them.
/// </summary>
public static class AuditActions
{
    public const string CaseOpened = nameof(AuditAction.CaseOpened);
    public const string FlagAttached = nameof(AuditAction.FlagAttached);
    public const string AlertRaised = nameof(AuditAction.AlertRaised);
    public const string AlertEscalated = nameof(AuditAction.AlertEscalated);
    public const string AlertRenotified = nameof(AuditAction.AlertRenotified);
    public const string AlertRetriggered = nameof(AuditAction.AlertRetriggered);
    public const string EscalationExhausted = nameof(AuditAction.EscalationExhausted);
    public const string AlertAcknowledged = nameof(AuditAction.AlertAcknowledged);
    public const string ActionRecorded = nameof(AuditAction.ActionRecorded);
    public const string GradeChanged = nameof(AuditAction.GradeChanged);
    public const string CaseClosed = nameof(AuditAction.CaseClosed);
    public const string CaseRead = nameof(AuditAction.CaseRead);
    public const string AuditRead = nameof(AuditAction.AuditRead);
    public const string TextUndeliverable = nameof(AuditAction.TextUndeliverable);
    public const string StepUnreachable = nameof(AuditAction.StepUnreachable);
    public const string GuardianConfirmed = nameof(AuditAction.GuardianConfirmed);
    public const string RecipientUnsubscribed = nameof(AuditAction.RecipientUnsubscribed);
    public const string RecipientResubscribed = nameof(AuditAction.RecipientResubscribed);
    public const string GuardianConsented = nameof(AuditAction.GuardianConsented);
    public const string GuardianRefused = nameof(AuditAction.GuardianRefused);
    public const string ReferralRequested = nameof(AuditAction.ReferralRequested);
    public const string ReferralRead = nameof(AuditAction.ReferralRead);
    public const string FollowUpAlertRaised = nameof(AuditAction.FollowUpAlertRaised);
    public const string BreakGlassOpened = nameof(AuditAction.BreakGlassOpened);
    public const string CaseAnonymised = nameof(AuditAction.CaseAnonymised);
    public const string IntegrationCalled = nameof(AuditAction.IntegrationCalled);
    public const string StudentMissingReported = nameof(AuditAction.StudentMissingReported);
    public const string StudentFound = nameof(AuditAction.StudentFound);

    /// <summary>The text a record stores for <paramref name="action"/>.</summary>
    public static string Stored(this AuditAction action) => action.ToString();

    /// <summary>The action a referral event is chained into the case's trail as.</summary>
    public static string Referral(string eventKind) => $"Referral{eventKind}";

    /// <summary>Every action and every chained referral event (no duplicates): what a case's trail can hold.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Enum.GetNames<AuditAction>().Concat(ReferralEventKinds.All.Select(Referral)).Distinct()];
}
