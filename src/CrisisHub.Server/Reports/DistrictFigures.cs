namespace CrisisHub.Server.Reports;

/// <summary>
/// A figure that leaves the school: its value, or nothing when it is suppressed. Counts from 1 to 4 are suppressed, and so
/// is anything derived from them (a share whose count or denominator is small, a median over fewer than 5 alerts): few
/// enough students could be recognised. Zero is shown: it identifies nobody.
/// </summary>
public sealed record Figure(double? Value, bool Suppressed)
{
    public const int SmallestShown = 5;
    public const string SuppressedText = "<5";

    public static Figure Count(int count) => IsSmall(count) ? new Figure(null, true) : new Figure(count, false);

    /// <summary>A share; suppressed when its count, its denominator, or what it leaves out (9 of 10 on time: 1 late) is small.</summary>
    public static Figure Share(int part, int whole) =>
        whole < SmallestShown || IsSmall(part) || IsSmall(whole - part) ? new Figure(null, true) : new Figure((double)part / whole, false);

    public static Figure Share(OnTime onTime) => Share(onTime.InTime, onTime.Due);

    /// <summary>A statistic over <paramref name="n"/> values (a median, a percentile).</summary>
    public static Figure Over(int n, double? value) =>
        n < SmallestShown ? new Figure(null, true) : new Figure(value, false);

    private static bool IsSmall(int count) => count is > 0 and < SmallestShown;

    public override string ToString() => Suppressed ? SuppressedText : Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One school's month for the joint conference, every figure suppressible; the link leads to this row of the district's month.</summary>
public sealed record DistrictSchoolRow(
    string SchoolId,
    string SchoolName,
    string ReportLink,
    Figure Flags,
    Dictionary<string, Figure> FlagsBySource,
    Dictionary<string, Figure> FlagsByGrade,
    Figure AlertsRaised,
    Figure MedianMinutesToAcknowledge,
    Figure P90MinutesToAcknowledge,
    Figure AcknowledgedInTimeShare,
    Figure EscalatedAlerts,
    Figure ExhaustedAlerts,
    Figure ReferralsRequested,
    Figure GreenChannelOnTimeShare,
    Figure CaringContactsOnTimeShare,
    Figure CheckInsOnTimeShare,
    Figure? LedgerRaised,
    Figure? LedgerLowered,
    Figure BreakGlassUses,
    Figure BreakGlassReviewed,
    Figure ScreeningCoverageShare);

/// <summary>The district's month: a row per school and one for the district as a whole, all suppressed alike.</summary>
public sealed record DistrictMonthReport(string Month, string DistrictId, string DistrictName, DistrictSchoolRow[] Schools, DistrictSchoolRow District);

public static class DistrictFigures
{
    /// <summary>
    /// Where a school's row leads the joint conference: its figures as the district may read them (suppressed), the school's
    /// row of the district's month. The school's own report carries its unsuppressed counts and stays with the school.
    /// </summary>
    public static string ReportLink(string districtId, string schoolId, string month) =>
        $"/district.html?district={Uri.EscapeDataString(districtId)}&month={month}#school-{Uri.EscapeDataString(schoolId)}";

    public static DistrictSchoolRow Row(SchoolMonthFigures f, string? link)
    {
        var all = f.Alerts.All;
        return new DistrictSchoolRow(f.SchoolId, f.SchoolName, link ?? "",
            Figure.Count(f.Flags.Total),
            f.Flags.BySource.ToDictionary(t => t.Key, t => Figure.Count(t.Count)),
            f.Flags.ByGrade.ToDictionary(t => t.Key, t => Figure.Count(t.Count)),
            Figure.Count(all.Raised),
            Figure.Over(all.Acknowledged, all.MedianMinutesToAcknowledge),
            Figure.Over(all.Acknowledged, all.P90MinutesToAcknowledge),
            Figure.Share(all.AcknowledgedInTime),
            Figure.Count(all.EscalatedAlerts),
            Figure.Count(all.Exhausted),
            Figure.Count(f.Referrals.Requested),
            Figure.Share(f.Referrals.GreenChannelSteps),
            Figure.Share(f.FollowUp.CaringContacts),
            Figure.Share(f.FollowUp.CheckIns),
            f.Ledger is null ? null : Figure.Count(f.Ledger.Raised),
            f.Ledger is null ? null : Figure.Count(f.Ledger.Lowered),
            Figure.Count(f.BreakGlass.Uses),
            Figure.Count(f.BreakGlass.Reviewed),
            Figure.Share(f.Coverage.Screened, f.Coverage.Enrolled));
    }

    /// <summary>The district as one: the schools' inputs pooled, so its medians are over every alert, not medians of medians.</summary>
    public static MonthInputs Pooled(ReportMonth month, string districtId, string districtName, IReadOnlyList<MonthInputs> schools) => new(
        month, districtId, districtName,
        [.. schools.SelectMany(s => s.Grades)],
        [.. schools.SelectMany(s => s.Cases)],
        [.. schools.SelectMany(s => s.Referrals)],
        schools.Any(s => s.LedgerReviews is null) ? null : [.. schools.SelectMany(s => s.LedgerReviews!)],
        // Emergency accesses are counted per school (each use names its school); pooled, each school's own.
        [.. schools.SelectMany(s => s.BreakGlassUses.Where(u => u.SchoolId == s.SchoolId)).Select(u => u with { SchoolId = districtId })],
        [.. schools.SelectMany(s => s.Screened)]);
}
