using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Referrals;

/// <summary>How a referral shows itself: the full view (packet included) to its two sides, the summary everywhere else.</summary>
public sealed partial class ReferralGrain
{
    private ReferralSummary Summary() => SummaryOf(View());

    public static ReferralSummary SummaryOf(ReferralView v)
    {
        var pending = v.Deadlines.Where(d => d.DueAt == v.CurrentDeadline && d.MetAt is null).Select(d => d.Name).FirstOrDefault();
        var followUp = v.Status.IsOpen() || v.Status == ReferralStatus.Completed && v.CurrentDeadline is not null;
        return new ReferralSummary(v.ReferralId, v.CaseId, v.HospitalId, v.HospitalName, NameMask.Mask(v.Packet.StudentName), v.Packet.Age,
            v.Packet.SchoolName, v.Grade, v.Status, v.RequestedAt, v.UpdatedAt, v.CurrentDeadline, pending, v.Overdue, followUp, v.Events.Length);
    }

    private ReferralView View()
    {
        var pending = ReferralDeadlines.Pending(S).ToList();
        var plan = new ReturnPlanView(S.DischargedAt, S.DischargedAt + C.Settings.CaringContactWithin, S.CaringContactAt, S.CaringContactNote, S.ReEntry,
            [.. S.CheckIns.Select(c => new CheckInView(c.Number, c.DueAt, c.DoneAt, c.DoneBy, c.Note, c.Missed))]);
        return new ReferralView(C.ReferralId, C.CaseId, C.Hospital.HospitalId, C.Hospital.Name, C.Hospital.Phone, C.Grade, S.Status,
            C.RequestedAt, S.UpdatedAt, C.Packet, [.. S.Events], [.. ReferralDeadlines.All(S)], pending.FirstOrDefault()?.DueAt,
            pending.Any(d => d.Missed), S.AdmissionConsented, plan,
            ReferralFlow.NextFor(S.Status, ReferralSide.School), ReferralFlow.NextFor(S.Status, ReferralSide.Hospital));
    }
}
