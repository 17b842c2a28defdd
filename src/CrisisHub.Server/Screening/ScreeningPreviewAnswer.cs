using CrisisHub.Contracts.Screening;

namespace CrisisHub.Server.Screening;

/// <summary>A row as the preview page lists it: what was matched and scored, never the items.</summary>
public sealed record PreviewRowView(int Row, string StudentNumber, bool Matched, string Instrument, DateOnly? Date, int? Total,
    ScreeningOutcome Outcome, string? Rule, string[] Errors);

/// <summary>
/// What the preview answers: the import id to confirm with, counts, every row that cannot be imported (up to
/// <see cref="ProblemsListed"/>), the rows that will raise a flag or enter the ledger, a sample of the rest, and the earlier
/// import of the same file if there was one.
/// </summary>
public sealed record ScreeningPreviewAnswer(string ImportId, int Rows, int Importable, int WithErrors, Dictionary<ScreeningOutcome, int> ByOutcome,
    PreviewRowView[] Problems, PreviewRowView[] Flagged, PreviewRowView[] Sample, ScreeningImportView? Earlier)
{
    public const int ProblemsListed = 500;
    public const int FlaggedListed = 500;
    public const int SampleListed = 50;

    public static ScreeningPreviewAnswer Of(string importId, List<ScreeningPreviewRow> rows, ScreeningImportView? earlier)
    {
        var importable = rows.Where(r => r.Importable).ToList();
        return new(importId, rows.Count, importable.Count, rows.Count - importable.Count,
            Enum.GetValues<ScreeningOutcome>().ToDictionary(o => o, o => importable.Count(r => r.Outcome == o)),
            [.. rows.Where(r => !r.Importable).Take(ProblemsListed).Select(View)],
            [.. importable.Where(r => r.Outcome != ScreeningOutcome.None).OrderByDescending(r => r.Outcome).ThenBy(r => r.Row).Take(FlaggedListed).Select(View)],
            [.. importable.Where(r => r.Outcome == ScreeningOutcome.None).Take(SampleListed).Select(View)],
            earlier);
    }

    private static PreviewRowView View(ScreeningPreviewRow r) =>
        new(r.Row, r.StudentNumber, r.StudentId is not null, r.Instrument, r.Date, r.Total, r.Outcome, r.Rule, r.Errors);
}
