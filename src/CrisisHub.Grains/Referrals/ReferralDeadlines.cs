using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Referrals;

/// <summary>
/// Every deadline a referral has, computed from its stored facts, so there is nothing to keep in step:
/// the grade's green-channel rules (each clock starts when its From step was reached), the caring contact
/// after discharge, and the follow-up check-ins after re-entry.
/// </summary>
public static class ReferralDeadlines
{
    public const string CaringContact = "CaringContact";

    public static string CheckIn(int number) => $"CheckIn{number}";

    public static IEnumerable<ReferralDeadlineView> All(ReferralState s)
    {
        var creation = s.Creation!;
        foreach (var rule in creation.Settings.For(creation.Grade))
        {
            if (ReachedAt(s, rule.From) is not { } start) continue;
            var met = s.Reached.Where(r => r.Status.Rank() >= rule.Reach.Rank()).Select(r => (DateTimeOffset?)r.At).FirstOrDefault();
            // A referral that ended unmet owes nothing more; only what was already missed stays on record.
            if (met is null && s.Ended && !s.Missed.Contains(rule.Reach.ToString())) continue;
            yield return new ReferralDeadlineView(rule.Reach.ToString(), rule.Reach, start + rule.Within, met, s.Missed.Contains(rule.Reach.ToString()));
        }

        if (s.DischargedAt is { } discharged)
            yield return new ReferralDeadlineView(CaringContact, null, discharged + creation.Settings.CaringContactWithin, s.CaringContactAt, s.Missed.Contains(CaringContact));

        foreach (var checkIn in s.CheckIns)
            yield return new ReferralDeadlineView(CheckIn(checkIn.Number), null, checkIn.DueAt, checkIn.DoneAt, checkIn.Missed);
    }

    /// <summary>
    /// Unmet deadlines, missed or not, soonest first: what the referral still owes. A missed step stays owed
    /// (and overdue) until it happens; a missed check-in is over (the next one is owed); an ended referral
    /// owes no more hospital steps.
    /// </summary>
    public static IEnumerable<ReferralDeadlineView> Pending(ReferralState s)
        => All(s)
            .Where(d => d.MetAt is null)
            .Where(d => !(s.Ended && d.Reach is not null))
            .Where(d => !(d.Missed && d.Name.StartsWith("CheckIn", StringComparison.Ordinal)))
            .OrderBy(d => d.DueAt);

    /// <summary>When the grain must next look at the clock: the soonest deadline not yet reported as missed.</summary>
    public static DateTimeOffset? NextToWatch(ReferralState s) =>
        Pending(s).Where(d => !d.Missed).Select(d => (DateTimeOffset?)d.DueAt).FirstOrDefault();

    public static DateTimeOffset? ReachedAt(ReferralState s, ReferralStatus status) =>
        s.Reached.Where(r => r.Status == status).Select(r => (DateTimeOffset?)r.At).FirstOrDefault();
}
