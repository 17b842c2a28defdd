using System.Text;

namespace CrisisHub.Server.Screening;

/// <summary>
/// RFC 4180 records from a text file: quoted fields may hold the delimiter, quotes ("" for one) and line breaks; CRLF
/// or LF ends a record; blank lines are skipped. The delimiter is the header line's most frequent of comma, tab and
/// semicolon (screening platforms export all three). The CsvHelper on this machine's mirror is a different library
/// than its name suggests; a record reader this small is easier to trust than to learn.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader text)
    {
        var content = text.ReadToEnd();
        if (content.Length > 0 && content[0] == '\uFEFF') content = content[1..];
        var firstLine = content.Split('\n', 2)[0];
        var delimiter = new[] { ',', '\t', ';' }.MaxBy(d => firstLine.Count(c => c == d));

        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted) = (1, 1, false);
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }

            if (c == '"' && field.Length == 0) quoted = true;
            else if (c == delimiter) { fields.Add(field.ToString().Trim()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n') i++;
                fields.Add(field.ToString().Trim());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0) yield return (recordLine, [.. fields]);
                fields.Clear();
                recordLine = ++line;
            }
            else field.Append(c);
        }

        fields.Add(field.ToString().Trim());
        if (fields.Count > 1 || fields[0].Length > 0) yield return (recordLine, [.. fields]);
    }
}
