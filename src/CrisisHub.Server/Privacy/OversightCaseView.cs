using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// A case as duty officers and district staff read it: enough to see that the alert is being worked and to chase
/// a deadline — masked name, grade, status, escalation, who acted and when — and no free text, sign, phone or
/// contact name. Every field is listed on purpose (see <see cref="ResponderCaseView"/>).
/// </summary>
public sealed record OversightCaseView(
    string CaseId,
    string StudentId,
    string MaskedName,
    StudentPlacement Placement,
    CrisisGrade Grade,
    CaseStatus Status,
    string? OwnerId,
    EscalationView Escalation,
    OversightFlagView[] Flags,
    OversightActionView[] Actions,
    OversightGradeChangeView[] GradeChanges,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    OversightTextView[] Texts,
    ReferralSummary[] Referrals,
    OversightConsentView[] Consents,
    bool IsOpen,
    bool CanRefer,
    bool GradeTooLowToRefer,
    OversightMissingView[] MissingEpisodes,
    bool StudentMissing)
{
    public static OversightCaseView Of(CaseView v) => new(v.CaseId, v.StudentId, NameMask.Mask(v.StudentName), v.Placement, v.Grade, v.Status,
        v.OwnerId, v.Escalation,
        [.. v.Flags.Select(f => new OversightFlagView(f.FlagId, f.Source, f.SuggestedGrade, f.SubmittedAt))],
        [.. v.Actions.Select(a => new OversightActionView(a.Kind, a.ActorId, a.At))],
        [.. v.GradeChanges.Select(g => new OversightGradeChangeView(g.From, g.To, g.ActorId, g.At))],
        v.OpenedAt, v.ClosedAt,
        [.. v.Texts.Select(t => new OversightTextView(t.MessageId, t.Role, t.Firing, t.Step, t.Round, t.Status, t.ErrorCode, t.Unreachable))],
        v.Referrals,
        [.. v.Consents.Select(c => new OversightConsentView(c.Decision, c.RecordedAt))],
        v.IsOpen, v.CanRefer, v.GradeTooLowToRefer,
        [.. (v.MissingEpisodes ?? []).Select(m => new OversightMissingView(m.Number, m.Report.LastSeenAt, m.ReportedAt, m.Report.WarningSigns.Length > 0,
            m.Found?.FoundAt, m.Found?.Condition, m.Found?.HospitalNeeded))],
        v.StudentMissing);
}

/// <summary>A missing episode by its times and outcome only: no place, description, signs or names.</summary>
public sealed record OversightMissingView(int Number, DateTimeOffset LastSeenAt, DateTimeOffset ReportedAt, bool WithWarningSigns,
    DateTimeOffset? FoundAt, Contracts.Missing.FoundCondition? Condition, bool? HospitalNeeded);

public sealed record OversightFlagView(string FlagId, FlagSource Source, CrisisGrade SuggestedGrade, DateTimeOffset SubmittedAt);

public sealed record OversightActionView(CaseActionKind Kind, string ActorId, DateTimeOffset At);

public sealed record OversightGradeChangeView(CrisisGrade From, CrisisGrade To, string ActorId, DateTimeOffset At);

/// <summary>A text's progress, by the role it went to (no name, no number).</summary>
public sealed record OversightTextView(string MessageId, ResponderRole Role, int Firing, int Step, int Round, SmsStatus Status, int? ErrorCode,
    bool Unreachable);

public sealed record OversightConsentView(ConsentDecision Decision, DateTimeOffset RecordedAt);
