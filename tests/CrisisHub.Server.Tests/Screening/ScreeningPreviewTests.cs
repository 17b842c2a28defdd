using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Screening;
using CrisisHub.Server.Screening;

namespace CrisisHub.Server.Tests.Screening;

/// <summary>A screening platform's export previewed row by row: matched, scored, or told what is wrong. Nothing stored.</summary>
public sealed class ScreeningPreviewTests
{
    private static readonly Dictionary<string, RosterNumber> School = new[] { "1", "2", "3" }
        .ToDictionary(n => $"202600{n}", n => new RosterNumber($"202600{n}", $"s-{n}", "g-1", "c-1"))
        .Append(new KeyValuePair<string, RosterNumber>("2026077", RosterNumber.Ambiguous)).ToDictionary();

    [Fact]
    public void ADateAfterTodayIsATypo()
    {
        var rows = ScreeningPreview.Read(new StringReader("学号,量表,日期,题1,题2,题3,题4,题5,题6,题7\n2026001,GAD-7,2062-10-12,0,0,0,0,0,0,0\n"
            + "2026002,GAD-7,2026-11-23,0,0,0,0,0,0,0\n"), InstrumentCatalog.Defaults, number => School.GetValueOrDefault(number), new DateOnly(2026, 11, 23));

        rows[0].Errors.ShouldBe(["the date 2062-10-12 is after today (2026-11-23)"]);
        rows[1].Importable.ShouldBeTrue("today itself is a day a screening can have happened");
    }

    [Fact]
    public void ANumberTwoStudentsShareMatchesNeither()
    {
        var row = Preview("学号,量表,日期,题1,题2,题3,题4,题5,题6,题7\n2026077,GAD-7,2026-10-12,0,0,0,0,0,0,0\n").ShouldHaveSingleItem();

        row.StudentId.ShouldBeNull();
        row.Errors.ShouldBe(["student number 2026077 belongs to more than one student of your school; correct the roster first"]);
    }

    private static List<ScreeningPreviewRow> Preview(string csv) =>
        ScreeningPreview.Read(new StringReader(csv), InstrumentCatalog.Defaults, number => School.GetValueOrDefault(number));

    [Fact]
    public void EachRowIsMatchedScoredOrToldWhatIsWrong()
    {
        var rows = Preview("""
            ﻿学号,量表,日期,题1,题2,题3,题4,题5,题6,题7,题8,题9
            2026001,PHQ-9,2026-10-12,1,1,1,1,1,1,1,1,1
            2026002,GAD-7,2026-10-12,0,1,0,1,0,1,0,,
            2026009,PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,0
            2026003,BDI,2026-10-12,0,0,0,0,0,0,0,0,0
            2026003,PHQ-9,2026-10-12,0,4,0,0,0,0,0,0,
            2026001,PHQ-9,2026/10/12,0,0,0,0,0,0,0,0,0
            2026002,PHQ-9,yesterday,0,0,0,0,0,0,0,0,0
            """);

        rows.Select(r => r.Row).ShouldBe([2, 3, 4, 5, 6, 7, 8]);
        rows[0].ShouldSatisfyAllConditions(r => r.StudentId.ShouldBe("s-1"), r => r.Total.ShouldBe(9), r => r.Outcome.ShouldBe(ScreeningOutcome.Severe),
            r => r.Rule!.ShouldStartWith("Item 9"), r => r.Importable.ShouldBeTrue(), r => r.GradeId.ShouldBe("g-1"), r => r.Items!.Length.ShouldBe(9));
        rows[1].ShouldSatisfyAllConditions(r => r.Instrument.ShouldBe("gad-7"), r => r.Total.ShouldBe(3), r => r.Outcome.ShouldBe(ScreeningOutcome.None),
            r => r.Importable.ShouldBeTrue());
        rows[2].Errors.ShouldBe(["no student 2026009 in your school"]);
        rows[3].Errors.Single().ShouldStartWith("unknown instrument 'BDI' (known: GAD-7, PHQ-9, UPI)");
        rows[4].Errors.ShouldBe(["item 2 is 4; PHQ-9 items score 0 to 3", "item 9 is missing"]);
        rows[5].Errors.ShouldBe(["repeats row 2"], "the same student, instrument and day as row 2, whatever the date's spelling");
        rows[6].Errors.ShouldBe(["the date 'yesterday' is not a date (yyyy-mm-dd)"]);
        rows.Where(r => !r.Importable).ShouldAllBe(r => r.Total == null && r.Outcome == ScreeningOutcome.None);
    }

    [Fact]
    public void EnglishHeadersTabsAndQuotedFieldsRead()
    {
        var rows = Preview("student_number\tinstrument\tdate\titem1\titem2\titem3\titem4\titem5\titem6\titem7\r\n\"2026002\"\tgad-7\t2026-10-12\t3\t3\t3\t3\t3\t0\t0\r\n");
        rows.Single().ShouldSatisfyAllConditions(r => r.StudentId.ShouldBe("s-2"), r => r.Total.ShouldBe(15), r => r.Outcome.ShouldBe(ScreeningOutcome.General));
    }

    [Fact]
    public void AnXlsxWorkbookIsReadLikeTheCsv()
    {
        // Written as a screening platform would: a header row, numbers as numbers, the date as a date cell.
        var sheet = new[]
        {
            new Dictionary<string, object> { ["学号"] = "2026001", ["量表"] = "UPI", ["日期"] = new DateTime(2026, 10, 12) },
            new Dictionary<string, object> { ["学号"] = "2026002", ["量表"] = "UPI", ["日期"] = new DateTime(2026, 10, 12) },
        };
        for (var item = 1; item <= 60; item++)
        {
            sheet[0][$"题{item}"] = item == 25 ? 1 : 0;
            sheet[1][$"题{item}"] = item <= 20 ? 1 : 0;
        }

        using var xlsx = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, sheet);
        xlsx.Position = 0;

        var rows = ScreeningPreview.ReadXlsx(xlsx, InstrumentCatalog.Defaults, number => School.GetValueOrDefault(number));

        rows.Select(r => (r.Row, r.StudentId, r.Date, r.Total, r.Outcome)).ShouldBe(
        [
            (2, "s-1", new DateOnly(2026, 10, 12), 1, ScreeningOutcome.Severe),
            (3, "s-2", new DateOnly(2026, 10, 12), 20, ScreeningOutcome.Watch),
        ]);
    }

    [Fact]
    public void AFileWithoutTheColumnsItNeedsIsRefusedSayingWhich() =>
        Should.Throw<InvalidDataException>(() => Preview("name,scale,date\nx,PHQ-9,2026-10-12\n")).Message.ShouldContain("no student number column (one of: 学号");

    [Fact]
    public void RecordsFollowRfc4180()
    {
        var records = CsvRecords.Read(new StringReader("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,2,3")).ToList();
        records.Select(r => r.Line).ShouldBe([1, 2, 5]);
        records[1].Fields.ShouldBe(["x, y", "say \"hi\"", "two\nlines"]);
        records[2].Fields.ShouldBe(["1", "2", "3"]);
    }
}
