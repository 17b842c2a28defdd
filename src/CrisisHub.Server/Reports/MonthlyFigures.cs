using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Reports;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Server.Reports;

/// <summary>A grade (年级) of the school and how many students it enrols now.</summary>
public sealed record GradeEnrolment(string GradeId, string Name, int Enrolled);

/// <summary>Everything a month's figures are computed from; the caller gathers it (see <see cref="MonthlyInputs"/>).</summary>
/// <param name="LedgerReviews">Null when the installation keeps no attention ledger.</param>
public sealed record MonthInputs(
    ReportMonth Month,
    string SchoolId,
    string SchoolName,
    IReadOnlyList<GradeEnrolment> Grades,
    IReadOnlyList<CaseReportFacts> Cases,
    IReadOnlyList<ReferralReportFacts> Referrals,
    IReadOnlyList<LedgerReview>? LedgerReviews,
    IReadOnlyList<BreakGlassUse> BreakGlassUses,
    IReadOnlyList<ScreenedStudent> Screened);

/// <summary>
/// The monthly closed loop as plain arithmetic over the facts it is given, so a test can hand it a month whose true
/// values it knows. Each fact counts in the month it happened: a flag when submitted, an alert when raised (its
/// acknowledgement may fall in the next month), a referral when requested, a deadline when due, a review in the month
/// it reviews, an emergency access when opened.
/// </summary>
public static class MonthlyFigures
{
    public static SchoolMonthFigures Compute(MonthInputs input)
    {
        var month = input.Month;
        return new SchoolMonthFigures(month.ToString(), input.SchoolId, input.SchoolName,
            Flags(month, input.Cases),
            Alerts(month, input.Cases),
            Referrals(month, input.Referrals),
            FollowUp(month, input.Referrals),
            Ledger(month, input.LedgerReviews),
            BreakGlass(month, input.SchoolId, input.BreakGlassUses),
            Coverage(input.Grades, input.Screened));
    }

    private static FlagFigures Flags(ReportMonth month, IReadOnlyList<CaseReportFacts> cases)
    {
        var flags = cases.SelectMany(c => c.Flags).Where(f => month.Contains(f.SubmittedAt)).ToList();
        return new FlagFigures(flags.Count,
            [.. Enum.GetValues<FlagSource>().Select(s => new Tally(s.ToString(), flags.Count(f => f.Source == s)))],
            [.. Enum.GetValues<CrisisGrade>().Select(g => new Tally(g.ToString(), flags.Count(f => f.SuggestedGrade == g)))]);
    }

    /// <summary>One raise of an alert and what followed it until the next raise.</summary>
    private sealed record Episode(AlertFact Raised, AlertFact? Acknowledged, int Escalations, bool Exhausted);

    private static AlertFigures Alerts(ReportMonth month, IReadOnlyList<CaseReportFacts> cases)
    {
        var episodes = cases.SelectMany(c => EpisodesOf(c.Alerts)).Where(e => month.Contains(e.Raised.At)).ToList();
        var byGrade = Enum.GetValues<CrisisGrade>().Where(g => g != CrisisGrade.Watch)
            .Select(g => AlertsOf(g, episodes.Where(e => e.Raised.Grade == g).ToList())).ToArray();
        var atLevel = episodes.Where(e => e.Acknowledged is not null)
            .GroupBy(e => LevelName(e.Acknowledged!))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Tally(g.Key, g.Count()));
        return new AlertFigures(byGrade, AlertsOf(null, episodes), [.. atLevel]);
    }

    private static IEnumerable<Episode> EpisodesOf(AlertFact[] facts)
    {
        var ordered = facts.OrderBy(f => f.At).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Kind != AlertFactKind.Raised) continue;
            var following = ordered.Skip(i + 1).TakeWhile(f => f.Kind != AlertFactKind.Raised).ToList();
            yield return new Episode(ordered[i], following.FirstOrDefault(f => f.Kind == AlertFactKind.Acknowledged),
                following.Count(f => f.Kind == AlertFactKind.Escalated), following.Any(f => f.Kind == AlertFactKind.Exhausted));
        }
    }

    private static AlertGradeFigures AlertsOf(CrisisGrade? grade, List<Episode> episodes)
    {
        var acknowledged = episodes.Where(e => e.Acknowledged is not null).ToList();
        var minutes = acknowledged.Select(e => (e.Acknowledged!.At - e.Raised.At).TotalMinutes).Order().ToList();
        var inTime = acknowledged.Count(e => e.Raised.Deadline is { } d && e.Acknowledged!.At <= d);
        return new AlertGradeFigures(grade, episodes.Count, acknowledged.Count, Median(minutes), Percentile(minutes, 0.9),
            Share(episodes.Count, inTime), episodes.Sum(e => e.Escalations), episodes.Count(e => e.Escalations > 0), episodes.Count(e => e.Exhausted));
    }

    /// <summary>The levels of the step that was acknowledged, as one name ("Class", "Grade+Family").</summary>
    private static string LevelName(AlertFact acknowledged) =>
        acknowledged.Levels.Length == 0 ? "None" : string.Join("+", acknowledged.Levels.Select(l => l.ToString()));

    private static ReferralFigures Referrals(ReportMonth month, IReadOnlyList<ReferralReportFacts> referrals)
    {
        var requested = referrals.Where(r => month.Contains(r.RequestedAt)).ToList();
        var outcomes = requested.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => new Tally(g.Key.ToString(), g.Count()));
        return new ReferralFigures(requested.Count, [.. outcomes], Due(month, referrals, d => d.Reach is not null));
    }

    private static FollowUpFigures FollowUp(ReportMonth month, IReadOnlyList<ReferralReportFacts> referrals) => new(
        Due(month, referrals, d => d.Name == Grains.Referrals.ReferralDeadlines.CaringContact),
        Due(month, referrals, d => d.Reach is null && d.Name.StartsWith("CheckIn", StringComparison.Ordinal)));

    /// <summary>Deadlines due in the month that are settled (met, or passed unmet); in time when met by the deadline.</summary>
    private static OnTime Due(ReportMonth month, IReadOnlyList<ReferralReportFacts> referrals, Func<ReferralDeadlineView, bool> kind)
    {
        var due = referrals.SelectMany(r => r.Deadlines).Where(kind).Where(d => month.Contains(d.DueAt) && (d.MetAt is not null || d.Missed)).ToList();
        return Share(due.Count, due.Count(d => d.MetAt <= d.DueAt));
    }

    private static LedgerFigures? Ledger(ReportMonth month, IReadOnlyList<LedgerReview>? reviews)
    {
        if (reviews is null) return null;
        var mine = reviews.Where(r => r.Month == month.ToString()).ToList();
        return new LedgerFigures(mine.Count, mine.Count(r => r.Movement == LedgerMovement.Raised), mine.Count(r => r.Movement == LedgerMovement.Lowered),
            mine.Count(r => r.Movement == LedgerMovement.Unchanged));
    }

    private static BreakGlassFigures BreakGlass(ReportMonth month, string schoolId, IReadOnlyList<BreakGlassUse> uses)
    {
        var mine = uses.Where(u => u.SchoolId == schoolId && month.Contains(u.OpenedAt)).DistinctBy(u => u.UseId).ToList();
        return new BreakGlassFigures(mine.Count, mine.Count(u => u.Review is not null), mine.Count(u => u.Review?.Outcome == BreakGlassOutcome.Justified),
            mine.Count(u => u.Review?.Outcome == BreakGlassOutcome.NotJustified), mine.Count(u => u.Review is null));
    }

    public static CoverageFigures Coverage(IReadOnlyList<GradeEnrolment> grades, IReadOnlyList<ScreenedStudent> screened)
    {
        var rows = grades.Select(g =>
        {
            var count = screened.Where(s => s.GradeId == g.GradeId).Select(s => s.StudentId).Distinct().Count();
            return new GradeCoverage(g.GradeId, g.Name, g.Enrolled, count, Fraction(count, g.Enrolled));
        }).ToArray();
        int enrolled = rows.Sum(r => r.Enrolled), total = rows.Sum(r => r.Screened);
        return new CoverageFigures(rows, enrolled, total, Fraction(total, enrolled));
    }

    private static OnTime Share(int due, int inTime) => new(due, inTime, Fraction(inTime, due));

    private static double? Fraction(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>The middle value, or the mean of the two middle ones; null for none. <paramref name="sorted"/> is in order.</summary>
    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
