namespace CrisisHub.Server.Reports;

/// <summary>
/// One school beside the others for the joint conference: screening coverage over the last year, open cases by grade
/// and overdue referrals now, this month's on-time rates. Suppressed like every district figure; the link opens the
/// school's report, never a student.
/// </summary>
public sealed record DistrictOverviewRow(
    string SchoolId,
    string SchoolName,
    string ReportLink,
    Figure ScreeningCoverageShare,
    Dictionary<string, Figure> OpenCasesByGrade,
    Figure OpenCases,
    Figure OverdueReferrals,
    Figure AcknowledgedInTimeShare,
    Figure GreenChannelOnTimeShare,
    Figure FollowUpOnTimeShare);

/// <param name="Month">The month the on-time rates cover (the current one, China time).</param>
/// <param name="CoverageFrom">The first day screenings count from for coverage (a year back).</param>
public sealed record DistrictOverview(string DistrictId, string DistrictName, string Month, DateOnly CoverageFrom, DateOnly CoverageTo,
    DistrictOverviewRow[] Schools);
