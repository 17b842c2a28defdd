using System.Globalization;
using System.Text.RegularExpressions;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Screening;

namespace CrisisHub.Server.Screening;

/// <summary>One row of an uploaded screening file as the preview shows it: whom it matched, what it scored, or why it cannot be imported.</summary>
/// <remarks><see cref="GradeId"/> and <see cref="Items"/> are what the import stores; the preview's answer leaves the items out.</remarks>
public sealed record ScreeningPreviewRow(int Row, string StudentNumber, string? StudentId, string Instrument, DateOnly? Date, int? Total,
    ScreeningOutcome Outcome, string? Rule, string[] Errors, string? GradeId = null, int[]? Items = null)
{
    public bool Importable => Errors.Length == 0;
}

/// <summary>
/// Reads a screening platform's CSV export into preview rows; nothing is stored here. Columns are found by their
/// header, in Chinese or English: the student number (学号, student_number), the instrument (量表, instrument), the
/// date (日期, date) and one column per item (item1, q1, 题1, or the bare number). Each row is scored by
/// <see cref="ScreeningScorer"/>; a row whose student is not in the importer's school, whose instrument is unknown,
/// whose date does not read, or that repeats an earlier row (same student, instrument and date) says so.
/// </summary>
public static partial class ScreeningPreview
{
    private static readonly string[] StudentNumberHeaders = ["学号", "student_number", "studentnumber", "student number", "student_no"];
    private static readonly string[] InstrumentHeaders = ["量表", "instrument", "scale"];
    private static readonly string[] DateHeaders = ["日期", "date", "screened_at", "测评日期"];

    [GeneratedRegex(@"^(item|q|题)?[ _]?(\d{1,3})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ItemHeader();

    /// <param name="studentOf">The student of a student number in the importer's school, null for none, or
    /// <see cref="RosterNumber.Ambiguous"/> when several students carry it.</param>
    /// <param name="latest">The last day a screening can have happened (today at the school); a later date is a typo.</param>
    public static List<ScreeningPreviewRow> Read(TextReader csv, IReadOnlyList<InstrumentDefinition> instruments, Func<string, RosterNumber?> studentOf,
        DateOnly? latest = null) =>
        Read(CsvRecords.Read(csv), instruments, studentOf, latest);

    /// <summary>The first sheet of an XLSX workbook, read as the CSV is (the same headers, the same checks).</summary>
    public static List<ScreeningPreviewRow> ReadXlsx(Stream xlsx, IReadOnlyList<InstrumentDefinition> instruments, Func<string, RosterNumber?> studentOf,
        DateOnly? latest = null) =>
        Read(XlsxRecords.Read(xlsx), instruments, studentOf, latest);

    private static List<ScreeningPreviewRow> Read(IEnumerable<(int Line, string[] Fields)> source, IReadOnlyList<InstrumentDefinition> instruments,
        Func<string, RosterNumber?> studentOf, DateOnly? latest)
    {
        using var records = source.GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException("The file has no header row.");
        var header = records.Current.Fields;
        int Column(string[] names, string what) => Array.FindIndex(header, h => names.Contains(h.Trim().ToLowerInvariant()))
            is var index and >= 0 ? index : throw new InvalidDataException($"The file has no {what} column (one of: {string.Join(", ", names)}).");
        var studentColumn = Column(StudentNumberHeaders, "student number");
        var instrumentColumn = Column(InstrumentHeaders, "instrument");
        var dateColumn = Column(DateHeaders, "date");
        var itemColumns = header.Select((h, i) => (Match: ItemHeader().Match(h.Trim()), Index: i))
            .Where(c => c.Match.Success).ToDictionary(c => int.Parse(c.Match.Groups[2].Value, CultureInfo.InvariantCulture), c => c.Index);

        var rows = new List<ScreeningPreviewRow>();
        var seen = new Dictionary<(string, string, DateOnly), int>();
        while (records.MoveNext())
        {
            var (rowNumber, fields) = records.Current;
            string Field(int column) => column < fields.Length ? fields[column] : "";
            var number = Field(studentColumn);
            var instrumentName = Field(instrumentColumn);
            var errors = new List<string>();
            var student = number.Length == 0 ? null : studentOf(number);
            // A number two students share cannot say whose answers these are: better no result than another child's.
            if (student == RosterNumber.Ambiguous)
            {
                errors.Add($"student number {number} belongs to more than one student of your school; correct the roster first");
                student = null;
            }
            else if (student is null) errors.Add(number.Length == 0 ? "no student number" : $"no student {number} in your school");
            var studentId = student?.StudentId;
            var instrument = instruments.FirstOrDefault(i => string.Equals(i.InstrumentId, instrumentName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(i.Name, instrumentName, StringComparison.OrdinalIgnoreCase));
            if (instrument is null) errors.Add($"unknown instrument '{instrumentName}' (known: {string.Join(", ", instruments.Select(i => i.Name))})");
            DateOnly? date = DateOnly.TryParseExact(Field(dateColumn), ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var parsed) ? parsed : null;
            if (date is null) errors.Add($"the date '{Field(dateColumn)}' is not a date (yyyy-mm-dd)");
            // A date to come is a typo; kept, it would stand as the student's newest result for years.
            else if (date > latest) errors.Add($"the date {date:yyyy-MM-dd} is after today ({latest:yyyy-MM-dd})");

            ScreeningScore? score = null;
            int?[] items = [];
            if (instrument is not null)
            {
                items = [.. Enumerable.Range(1, instrument.ItemCount).Select(item =>
                    itemColumns.TryGetValue(item, out var column) && int.TryParse(Field(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                        ? value : (int?)null)];
                score = ScreeningScorer.Score(instrument, items);
                errors.AddRange(score.Errors);
            }

            if (studentId is not null && instrument is not null && date is { } day)
            {
                if (seen.TryGetValue((studentId, instrument.InstrumentId, day), out var first)) errors.Add($"repeats row {first}");
                else seen[(studentId, instrument.InstrumentId, day)] = rowNumber;
            }

            var valid = errors.Count == 0;
            rows.Add(new ScreeningPreviewRow(rowNumber, number, studentId, instrument?.InstrumentId ?? instrumentName, date,
                valid ? score!.Total : null, valid ? score!.Outcome : ScreeningOutcome.None, valid ? score!.Rule?.Description : null, [.. errors],
                student?.GradeId, valid ? [.. items.Select(i => i!.Value)] : null));
        }

        return rows;
    }
}
