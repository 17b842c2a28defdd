using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// A referral as a duty officer or district officer reads it: where it stands and whether it is late. No handoff
/// packet (name, guardians, safety plan), no reasons, notes or re-entry agreements. The hospital desk it is addressed
/// to, the psychology centre and the people acting on the case read the whole referral.
/// </summary>
public sealed record OversightReferralView(
    string ReferralId,
    string CaseId,
    string HospitalId,
    string HospitalName,
    string HospitalPhone,
    CrisisGrade Grade,
    ReferralStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    OversightReferralEvent[] Events,
    ReferralDeadlineView[] Deadlines,
    DateTimeOffset? CurrentDeadline,
    bool Overdue,
    OversightReturnView Return)
{
    public static OversightReferralView Of(ReferralView r) => new(r.ReferralId, r.CaseId, r.HospitalId, r.HospitalName, r.HospitalPhone, r.Grade, r.Status,
        r.RequestedAt, r.UpdatedAt,
        [.. r.Events.Select(e => new OversightReferralEvent(e.Sequence, e.Kind, e.Status, e.ActorId, e.ActorRole, e.Side, e.At))],
        r.Deadlines, r.CurrentDeadline, r.Overdue,
        new OversightReturnView(r.Return.DischargedAt, r.Return.CaringContactDueAt, r.Return.CaringContactAt, r.Return.ReEntry?.ReturnDate,
            [.. r.Return.CheckIns.Select(c => new OversightCheckIn(c.Number, c.DueAt, c.DoneAt, c.Missed))]));
}

public sealed record OversightReferralEvent(int Sequence, string Kind, ReferralStatus Status, string ActorId, ResponderRole? ActorRole,
    ReferralSide? Side, DateTimeOffset At);

public sealed record OversightReturnView(DateTimeOffset? DischargedAt, DateTimeOffset? CaringContactDueAt, DateTimeOffset? CaringContactAt,
    DateTimeOffset? ReturnDate, OversightCheckIn[] CheckIns);

public sealed record OversightCheckIn(int Number, DateTimeOffset DueAt, DateTimeOffset? DoneAt, bool Missed);

public static class ReferralShapes
{
    /// <summary>
    /// The desk it is addressed to reads it all (it is their packet, clinical notes included) and so does the psychology
    /// centre; the people acting on the case read it without the psychology centre's notes; oversight without the packet.
    /// </summary>
    public static object For(CurrentUser user, ReferralView view) => user.Role == ResponderRole.HospitalLiaison
        ? view
        : CaseShapes.Of(user.Role) switch
        {
            CaseShape.Clinical => view,
            CaseShape.Responder => ForResponder(user, view),
            _ => OversightReferralView.Of(view),
        };

    /// <summary>The referral with the packet's clinical action notes withheld (the same type, so the FHIR export can use it).</summary>
    public static ReferralView ForResponder(CurrentUser user, ReferralView view) => view with
    {
        Packet = view.Packet with
        {
            ActionsSoFar = [.. view.Packet.ActionsSoFar.Select(a => ClinicalNotes.WithheldFrom(user.UserName, a.ActorRole, a.ActorId, a.Note) ? a with { Note = null } : a)],
        },
    };

    /// <summary>The referral as <paramref name="user"/> may export it (only roles that read its packet export at all).</summary>
    public static ReferralView Exportable(CurrentUser user, ReferralView view) =>
        user.Role != ResponderRole.HospitalLiaison && CaseShapes.Of(user.Role) == CaseShape.Responder ? ForResponder(user, view) : view;

    /// <summary>The FHIR bundle is the handoff packet in another form: not for oversight.</summary>
    public static bool MayExport(CurrentUser user) =>
        user.Role == ResponderRole.HospitalLiaison || CaseShapes.Of(user.Role) != CaseShape.Oversight;
}
