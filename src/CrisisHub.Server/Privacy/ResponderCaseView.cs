using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// A case as the people who act on its alert read it. Every field is listed here on purpose: a field added to
/// <see cref="CaseView"/> reaches responders only when it is added here too (and to the field-set test).
/// </summary>
public sealed record ResponderCaseView(
    string CaseId,
    string StudentId,
    string StudentName,
    StudentPlacement Placement,
    CrisisGrade Grade,
    CaseStatus Status,
    string? OwnerId,
    EscalationView Escalation,
    FlagView[] Flags,
    ResponderActionView[] Actions,
    GradeChangeView[] GradeChanges,
    string? Disposition,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    SmsDeliveryView[] Texts,
    string[] UnsubscribedRecipients,
    GuardianConfirmationView[] GuardianConfirmations,
    ReferralSummary[] Referrals,
    GuardianConsentView[] Consents,
    bool IsOpen,
    bool CanRefer,
    bool GradeTooLowToRefer,
    Contracts.Missing.MissingEpisodeView[] MissingEpisodes,
    bool StudentMissing)
{
    public static ResponderCaseView Of(CaseView v, string readerId) => new(v.CaseId, v.StudentId, v.StudentName, v.Placement, v.Grade, v.Status, v.OwnerId,
        v.Escalation, [.. v.Flags.Select(WithoutScreeningContent)], [.. v.Actions.Select(a => ResponderActionView.Of(a, readerId))], v.GradeChanges, v.Disposition, v.OpenedAt, v.ClosedAt, v.Texts,
        v.UnsubscribedRecipients, v.GuardianConfirmations, v.Referrals, v.Consents, v.IsOpen, v.CanRefer, v.GradeTooLowToRefer,
        // Those who act on the alert read the whole missing report: the place and description are how they look for the student.
        v.MissingEpisodes ?? [], v.StudentMissing);

    /// <summary>
    /// A flag from a screening says which item or rule fired in its sign; responders learn only that a screening needs
    /// follow-up (the page says so for a screening flag with no signs) and the grade, never the item or the score.
    /// </summary>
    public static FlagView WithoutScreeningContent(FlagView flag) => flag.Source == FlagSource.Screening ? flag with { Signs = [], Note = null } : flag;
}

/// <summary>An action; the note of one the psychology centre recorded is clinical and withheld (the page says so).</summary>
public sealed record ResponderActionView(CaseActionKind Kind, string? Note, bool NoteWithheld, string ActorId, string ActorName, DateTimeOffset At)
{
    public static ResponderActionView Of(CaseActionView a, string readerId)
    {
        var clinical = ClinicalNotes.WithheldFrom(readerId, a.ActorRole, a.ActorId, a.Note);
        return new(a.Kind, clinical ? null : a.Note, clinical, a.ActorId, a.ActorName, a.At);
    }
}
