using System.Globalization;
using MiniExcelLibs;

namespace CrisisHub.Server.Screening;

/// <summary>
/// The rows of a workbook's first sheet as text records (MiniExcel, streaming: a 50,000-row file is never held whole),
/// numbered as the sheet numbers them. A date cell reads as yyyy-MM-dd, a number as written.
/// </summary>
public static class XlsxRecords
{
    public static IEnumerable<(int Line, string[] Fields)> Read(Stream xlsx)
    {
        var line = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(xlsx, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            line++;
            string[] fields = [.. row.Values.Select(Text)];
            if (fields.Any(f => f.Length > 0)) yield return (line, fields);
        }
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => cell.ToString()?.Trim() ?? "",
    };
}
