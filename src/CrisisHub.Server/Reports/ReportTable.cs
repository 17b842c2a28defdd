using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace CrisisHub.Server.Reports;

/// <summary>
/// A report as one sheet: headers and rows of numbers and text, written as CSV (UTF-8 with a byte-order mark, so Excel
/// in a Chinese locale opens it right) or XLSX (MiniExcel; numbers stay numbers). Nothing in it names a student.
/// </summary>
public sealed record ReportTable(string[] Headers, IReadOnlyList<object?[]> Rows)
{
    public byte[] ToCsv()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Headers.Select(Cell)));
        foreach (var row in Rows) text.AppendLine(string.Join(',', row.Select(Cell)));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public byte[] ToXlsx()
    {
        var sheet = Rows.Select(row => Headers.Select((h, i) => (h, row[i])).ToDictionary(c => c.h, c => Excel(c.Item2))).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static object? Excel(object? value) => value is Figure f ? (f.Suppressed ? Figure.SuppressedText : f.Value) : value;

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            Figure f => f.ToString(),
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // Quoted when it must be; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
        if (text.Length > 0 && "=+-@".Contains(text[0]) && value is string) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    public static ReportTable Of(SchoolMonthFigures f)
    {
        var rows = new List<object?[]>();
        void Add(string section, string item, object? value) => rows.Add([section, item, value]);
        Add("flags", "total", f.Flags.Total);
        foreach (var t in f.Flags.BySource) Add("flags.source", t.Key, t.Count);
        foreach (var t in f.Flags.ByGrade) Add("flags.grade", t.Key, t.Count);
        foreach (var a in f.Alerts.ByGrade.Append(f.Alerts.All))
        {
            var section = a == f.Alerts.All ? "alerts.all" : $"alerts.{a.Grade}";
            Add(section, "raised", a.Raised);
            Add(section, "acknowledged", a.Acknowledged);
            Add(section, "medianMinutesToAcknowledge", a.MedianMinutesToAcknowledge);
            Add(section, "p90MinutesToAcknowledge", a.P90MinutesToAcknowledge);
            Add(section, "acknowledgedInTime", a.AcknowledgedInTime.InTime);
            Add(section, "acknowledgedInTimeShare", a.AcknowledgedInTime.Share);
            Add(section, "escalations", a.Escalations);
            Add(section, "escalatedAlerts", a.EscalatedAlerts);
            Add(section, "exhausted", a.Exhausted);
        }

        foreach (var t in f.Alerts.AcknowledgedAtLevel) Add("alerts.acknowledgedAtLevel", t.Key, t.Count);
        Add("referrals", "requested", f.Referrals.Requested);
        foreach (var t in f.Referrals.ByOutcome) Add("referrals.outcome", t.Key, t.Count);
        OnTime("referrals.greenChannelSteps", f.Referrals.GreenChannelSteps);
        OnTime("followUp.caringContacts", f.FollowUp.CaringContacts);
        OnTime("followUp.checkIns", f.FollowUp.CheckIns);
        if (f.Ledger is { } l)
        {
            Add("ledger", "reviews", l.Reviews);
            Add("ledger", "raised", l.Raised);
            Add("ledger", "lowered", l.Lowered);
            Add("ledger", "unchanged", l.Unchanged);
        }

        Add("breakGlass", "uses", f.BreakGlass.Uses);
        Add("breakGlass", "reviewed", f.BreakGlass.Reviewed);
        Add("breakGlass", "justified", f.BreakGlass.Justified);
        Add("breakGlass", "notJustified", f.BreakGlass.NotJustified);
        Add("breakGlass", "awaitingReview", f.BreakGlass.AwaitingReview);
        foreach (var g in f.Coverage.ByGrade)
        {
            Add($"coverage.{g.GradeId}", "enrolled", g.Enrolled);
            Add($"coverage.{g.GradeId}", "screened", g.Screened);
            Add($"coverage.{g.GradeId}", "share", g.Share);
        }

        Add("coverage.all", "enrolled", f.Coverage.Enrolled);
        Add("coverage.all", "screened", f.Coverage.Screened);
        Add("coverage.all", "share", f.Coverage.Share);
        return new ReportTable(["section", "item", "value"], rows);

        void OnTime(string section, OnTime o)
        {
            Add(section, "due", o.Due);
            Add(section, "inTime", o.InTime);
            Add(section, "share", o.Share);
        }
    }

    public static ReportTable Of(DistrictMonthReport report)
    {
        var sources = report.District.FlagsBySource.Keys.ToArray();
        var grades = report.District.FlagsByGrade.Keys.ToArray();
        string[] headers =
        [
            "school", "flags", .. sources.Select(s => $"flags.{s}"), .. grades.Select(g => $"flags.{g}"), "alertsRaised", "medianMinutesToAcknowledge",
            "p90MinutesToAcknowledge", "acknowledgedInTimeShare", "escalatedAlerts", "exhaustedAlerts", "referralsRequested", "greenChannelOnTimeShare",
            "caringContactsOnTimeShare", "checkInsOnTimeShare", "ledgerRaised", "ledgerLowered", "breakGlassUses", "breakGlassReviewed",
            "screeningCoverageShare",
        ];
        object?[] Row(string name, DistrictSchoolRow r) =>
        [
            name, r.Flags, .. sources.Select(s => r.FlagsBySource[s]), .. grades.Select(g => r.FlagsByGrade[g]), r.AlertsRaised,
            r.MedianMinutesToAcknowledge, r.P90MinutesToAcknowledge, r.AcknowledgedInTimeShare, r.EscalatedAlerts, r.ExhaustedAlerts,
            r.ReferralsRequested, r.GreenChannelOnTimeShare, r.CaringContactsOnTimeShare, r.CheckInsOnTimeShare, r.LedgerRaised, r.LedgerLowered,
            r.BreakGlassUses, r.BreakGlassReviewed, r.ScreeningCoverageShare,
        ];
        return new ReportTable(headers, [.. report.Schools.Select(s => Row(s.SchoolName, s)), Row(report.DistrictName, report.District)]);
    }
}
