namespace CrisisHub.Grains;

/// <summary>
/// The schools' clock face: China Standard Time (UTC+8, no daylight saving). A school's day and month — a review date,
/// a screening date, the month a report covers — are days there, not in UTC; the one place that says so.
/// </summary>
public static class SchoolTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The school day it is at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);
}
