using System.Globalization;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Grains.Ledger;
using MiniExcelLibs;

namespace CrisisHub.Server.Ledger;

/// <summary>
/// The monthly meeting's sheet (MiniExcel): one row per student, most attention first, in the reader's language.
/// Its file name carries the school id and the month, never a name.
/// </summary>
public static class LedgerWorkbook
{
    public static string FileName(LedgerView view) => $"ledger-{view.SchoolId}-{view.Month}.xlsx";

    public static async Task<byte[]> WriteAsync(LedgerView view, string language)
    {
        var words = LedgerWords.For(language);
        var labels = view.Levels.ToDictionary(l => l.Level, l => l.Label);
        var rows = view.Rows.Select(r => new Dictionary<string, object?>
        {
            [words.Columns[0]] = $"{r.Level} {labels[r.Level]}",
            [words.Columns[1]] = r.GradeName,
            [words.Columns[2]] = r.ClassName,
            [words.Columns[3]] = r.Name,
            [words.Columns[4]] = string.Join(words.Separator, r.Reasons.Select(reason => words.Reasons[reason])),
            [words.Columns[5]] = r.ResponsibleAdult ?? "",
            [words.Columns[6]] = r.NextReviewOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                ?? r.NextDeadline?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "",
            [words.Columns[7]] = r.ThisMonthsReview is { } review
                ? $"{words.Movements[review.Movement]} → {(review.ToLevel == 0 ? words.OffLedger : $"{review.ToLevel} {labels[review.ToLevel]}")}"
                  + (string.IsNullOrWhiteSpace(review.Note) ? "" : $"{words.Separator}{review.Note}")
                : "",
        }).ToList();
        // An empty ledger still gets its header row, so the meeting's sheet says what it would hold.
        if (rows.Count == 0) rows.Add(words.Columns.ToDictionary(c => c, _ => (object?)""));
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: view.Month, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}

/// <summary>The sheet's words in each language the pages speak (the pages have their own, in js/strings/ledger.js).</summary>
public sealed record LedgerWords(string[] Columns, IReadOnlyDictionary<LedgerReason, string> Reasons, IReadOnlyDictionary<LedgerMovement, string> Movements,
    string OffLedger, string Separator)
{
    private static readonly LedgerWords Chinese = new(
        ["等级", "年级", "班级", "学生", "原因", "责任人", "下次复核", "本月复核"],
        new Dictionary<LedgerReason, string>
        {
            [LedgerReason.SevereOrMajorCase] = "严重或重大个案", [LedgerReason.ActiveReferral] = "转介进行中", [LedgerReason.GeneralCase] = "一般个案",
            [LedgerReason.WatchCase] = "关注个案", [LedgerReason.Plan] = "一生一策", [LedgerReason.SevereScreening] = "测评：严重",
            [LedgerReason.GeneralScreening] = "测评：一般", [LedgerReason.WatchScreening] = "测评：关注",
        },
        new Dictionary<LedgerMovement, string> { [LedgerMovement.Unchanged] = "维持", [LedgerMovement.Raised] = "升级", [LedgerMovement.Lowered] = "降级" },
        "移出台账", "；");

    private static readonly LedgerWords English = new(
        ["Level", "Grade", "Class", "Student", "Why", "Responsible adult", "Next review", "This month's review"],
        new Dictionary<LedgerReason, string>
        {
            [LedgerReason.SevereOrMajorCase] = "Severe or major case", [LedgerReason.ActiveReferral] = "Referral under way", [LedgerReason.GeneralCase] = "General case",
            [LedgerReason.WatchCase] = "Watch case", [LedgerReason.Plan] = "Plan", [LedgerReason.SevereScreening] = "Screening: severe",
            [LedgerReason.GeneralScreening] = "Screening: general", [LedgerReason.WatchScreening] = "Screening: watch",
        },
        new Dictionary<LedgerMovement, string> { [LedgerMovement.Unchanged] = "Unchanged", [LedgerMovement.Raised] = "Raised", [LedgerMovement.Lowered] = "Lowered" },
        "off the ledger", "; ");

    public static LedgerWords For(string language) => language == Languages.English ? English : Chinese;
}
