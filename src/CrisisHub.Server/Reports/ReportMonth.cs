using System.Globalization;

namespace CrisisHub.Server.Reports;

/// <summary>
/// A calendar month as the schools live it: China time (UTC+8, no daylight saving), so a flag at 07:30 on the 1st
/// local time belongs to the new month although it is still the old one in UTC.
/// </summary>
public sealed record ReportMonth(int Year, int Month)
{
    public const string Format = "yyyy-MM";
    public static readonly TimeSpan ChinaOffset = Grains.SchoolTime.Offset;

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, ChinaOffset);

    /// <summary>The start of the next month: the month is [Start, End).</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    public override string ToString() => $"{Year:0000}-{Month:00}";

    /// <summary>"yyyy-MM" from 2000-01 to 2100-12; anything else is null.</summary>
    public static ReportMonth? Parse(string? text) =>
        text is { Length: 7 } && DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? new ReportMonth(d.Year, d.Month)
            : null;

    /// <summary>The month <paramref name="at"/> falls in, in China time.</summary>
    public static ReportMonth Of(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return new ReportMonth(local.Year, local.Month);
    }
}
