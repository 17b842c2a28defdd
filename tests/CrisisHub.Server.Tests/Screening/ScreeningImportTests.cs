using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Screening;
using Microsoft.Extensions.DependencyInjection;

using CrisisHub.Server.Tests.Authorization;

namespace CrisisHub.Server.Tests.Screening;

/// <summary>
/// A screening file from preview to import on a server of its own: the preview stores nothing; the confirm records each
/// result in its student's chain, flags Severe and General results with source "screening" (Watch only enters the
/// school's index), and the same file, or another holding the same results, changes nothing the second time.
/// </summary>
public sealed class ScreeningImportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static string Number(int student, string classId = TestSeed.Class) => $"{classId}-{student}";

    /// <summary>Student 3: PHQ-9 item 9 endorsed (Severe). 4: PHQ-9 total 21 (General). 5: GAD-7 total 11 (Watch). 6: nothing.
    /// Then the errors: an unknown student, a student of another school, an item out of range, a missing item, a repeat.</summary>
    private static readonly string Term = string.Join('\n',
        "学号,量表,日期,题1,题2,题3,题4,题5,题6,题7,题8,题9",
        $"{Number(3)},PHQ-9,2026-10-12,1,1,1,1,1,1,1,1,1",
        $"{Number(4)},PHQ-9,2026-10-12,3,3,3,3,3,2,2,2,0",
        $"{Number(5)},GAD-7,2026-10-12,2,2,2,2,1,1,1,,",
        $"{Number(6)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,0",
        "nobody-1,PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,0",
        $"{Number(1, TestSeed.OtherSchoolClass)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,0",
        $"{Number(7)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,4",
        $"{Number(8)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,",
        $"{Number(6)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,0") + "\n";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string IdOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private IGrainFactory Grains => server.Factory.Services.GetRequiredService<IGrainFactory>();

    private async Task<JsonElement> PreviewAsync(ApiClient psych, string text)
    {
        var response = await psych.Http.PostAsync($"api/schools/{TestSeed.School}/screening/preview", Csv(text));
        await response.ShouldSucceedAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<ScreeningImportView> ImportAsync(ApiClient psych, string text)
    {
        var response = await psych.Http.PostAsync($"api/schools/{TestSeed.School}/screening/imports?expect={IdOf(text)}", Csv(text));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return await Eventually.Async(() => psych.GetAsync<ScreeningImportView>($"api/schools/{TestSeed.School}/screening/imports/{IdOf(text)}"),
            v => v.Status == ScreeningImportStatus.Completed, TimeSpan.FromSeconds(20));
    }

    private async Task<string?> OpenCaseOfAsync(int student) => (await Grains.GetGrain<IStudentGrain>(TestSeed.Student(TestSeed.Class, student)).GetAsync())!.OpenCaseId;

    [Fact]
    public async Task ThePreviewScoresEachRowOrSaysWhatIsWrongAndStoresNothing()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var preview = await PreviewAsync(psych, Term.Replace("2026-10-12", "2026-09-01"));

        preview.GetProperty("rows").GetInt32().ShouldBe(9);
        preview.GetProperty("importable").GetInt32().ShouldBe(4);
        preview.GetProperty("byOutcome").GetProperty("Severe").GetInt32().ShouldBe(1);
        preview.GetProperty("byOutcome").GetProperty("General").GetInt32().ShouldBe(1);
        preview.GetProperty("byOutcome").GetProperty("Watch").GetInt32().ShouldBe(1);
        var problems = preview.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("row").GetInt32(),
            p => string.Join("; ", p.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));
        problems.Keys.ShouldBe([6, 7, 8, 9, 10]);
        problems[6].ShouldContain("no student nobody-1 in your school");
        problems[7].ShouldContain("in your school", customMessage: "another school's student is not this school's to import");
        problems[8].ShouldContain("item 9 is 4");
        problems[9].ShouldContain("item 9 is missing");
        problems[10].ShouldContain("repeats row 5");
        preview.GetProperty("flagged").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ShouldBe(["Severe", "General", "Watch"]);
        preview.GetRawText().ShouldNotContain("\"items\"", customMessage: "the preview shows totals and rules, not item answers");

        (await Grains.GetGrain<IStudentScreeningsGrain>(TestSeed.Student(TestSeed.Class, 3)).ListAsync())
            .ShouldNotContain(r => r.Result.Date == new DateOnly(2026, 9, 1));
        (await Grains.GetGrain<ISchoolScreeningsGrain>(TestSeed.School).ListAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 1))).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheConfirmRecordsFlagsAndIndexesAndTheSameResultsAgainChangeNothing()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await PreviewAsync(psych, Term)).GetProperty("earlier").ValueKind.ShouldBe(JsonValueKind.Null);
        (await OpenCaseOfAsync(3)).ShouldBeNull();

        var done = await ImportAsync(psych, Term);

        done.ShouldSatisfyAllConditions(v => v.Total.ShouldBe(4), v => v.Recorded.ShouldBe(4), v => v.AlreadyRecorded.ShouldBe(0),
            v => v.Flagged.ShouldBe(2), v => v.Watch.ShouldBe(1), v => v.SkippedRows.ShouldBe(5), v => v.StartedBy.ShouldBe(TestSeed.Psychologist));
        var severe = (await Grains.GetGrain<IStudentScreeningsGrain>(TestSeed.Student(TestSeed.Class, 3)).ListAsync()).ShouldHaveSingleItem();
        severe.Result.ShouldSatisfyAllConditions(r => r.Items.ShouldBe([1, 1, 1, 1, 1, 1, 1, 1, 1]), r => r.Total.ShouldBe(9),
            r => r.Outcome.ShouldBe(ScreeningOutcome.Severe), r => r.GradeId.ShouldBe(TestSeed.Grade), r => r.ImportId.ShouldBe(IdOf(Term)));
        severe.RecordedBy.ShouldBe(TestSeed.Psychologist);

        var severeCase = await Grains.GetGrain<IStudentCaseGrain>((await OpenCaseOfAsync(3)).ShouldNotBeNull()).ReadAsync(new(TestSeed.Psychologist, "t", null));
        severeCase.Grade.ShouldBe(CrisisGrade.Severe);
        severeCase.Flags.ShouldHaveSingleItem().ShouldSatisfyAllConditions(f => f.Source.ShouldBe(FlagSource.Screening), f => f.Note.ShouldBeNull());
        (await OpenCaseOfAsync(4)).ShouldNotBeNull();
        (await OpenCaseOfAsync(5)).ShouldBeNull("Watch enters the ledger only");
        (await OpenCaseOfAsync(6)).ShouldBeNull();
        var index = await Grains.GetGrain<ISchoolScreeningsGrain>(TestSeed.School).ListAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));
        index.Select(r => (r.StudentId, r.Outcome)).ShouldBe(
        [
            (TestSeed.Student(TestSeed.Class, 3), ScreeningOutcome.Severe), (TestSeed.Student(TestSeed.Class, 4), ScreeningOutcome.General),
            (TestSeed.Student(TestSeed.Class, 5), ScreeningOutcome.Watch), (TestSeed.Student(TestSeed.Class, 6), ScreeningOutcome.None),
        ]);

        // The same file: its import is done, and says so; nothing is recorded or flagged again.
        (await PreviewAsync(psych, Term)).GetProperty("earlier").GetProperty("status").GetString().ShouldBe("Completed");
        (await ImportAsync(psych, Term)).ShouldBe(done);
        // Another file holding the same results (a re-export with a trailing blank line): already held, nobody flagged twice.
        var again = await ImportAsync(psych, Term + "\n");
        again.ShouldSatisfyAllConditions(v => v.Recorded.ShouldBe(0), v => v.AlreadyRecorded.ShouldBe(4), v => v.Flagged.ShouldBe(0));
        (await Grains.GetGrain<IStudentScreeningsGrain>(TestSeed.Student(TestSeed.Class, 3)).ListAsync()).ShouldHaveSingleItem();
        (await Grains.GetGrain<IStudentCaseGrain>((await OpenCaseOfAsync(3))!).ReadAsync(new(TestSeed.Psychologist, "t", null))).Flags.ShouldHaveSingleItem();

        // A "corrected" file: student 6's answers now reach Severe. The held result is never rewritten, so nothing is flagged
        // (an alert must say what the chain, the ledger and the archive say) and the import says the row differs.
        var corrected = await ImportAsync(psych,
            Term.Replace($"{Number(6)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,0\nnobody", $"{Number(6)},PHQ-9,2026-10-12,0,0,0,0,0,0,0,0,2\nnobody"));
        corrected.ShouldSatisfyAllConditions(v => v.DiffersFromHeld.ShouldBe(1), v => v.Recorded.ShouldBe(0), v => v.Flagged.ShouldBe(0));
        (await OpenCaseOfAsync(6)).ShouldBeNull();
        (await Grains.GetGrain<IStudentScreeningsGrain>(TestSeed.Student(TestSeed.Class, 6)).ListAsync()).ShouldHaveSingleItem().Result.Total.ShouldBe(0);
    }

    [Fact]
    public async Task AHeadTeacherSeesThatAScreeningNeedsFollowUpAndTheGradeNeverTheItem()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var file = $"学号,量表,日期,题1,题2,题3,题4,题5,题6,题7,题8,题9\n{Number(11)},PHQ-9,2026-10-20,0,0,0,0,0,0,0,0,2\n";
        await ImportAsync(psych, file);
        var caseId = (await OpenCaseOfAsync(11)).ShouldNotBeNull();

        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var view = await teacher.GetAsync<JsonElement>($"api/cases/{caseId}");
        view.GetProperty("grade").GetString().ShouldBe("Severe");
        var flag = view.GetProperty("flags").EnumerateArray().ShouldHaveSingleItem();
        flag.GetProperty("source").GetString().ShouldBe("Screening");
        flag.GetProperty("signs").GetArrayLength().ShouldBe(0);
        view.GetRawText().ShouldNotContain("ScreeningSuicideItem");
        // The psychology centre, who handles it clinically, sees which rule fired.
        (await psych.GetAsync<JsonElement>($"api/cases/{caseId}")).GetProperty("flags")[0].GetProperty("signs")[0].GetString().ShouldBe("ScreeningSuicideItem");
    }

    [Fact]
    public async Task TwoInstrumentsTrippedTheSameDayAreOneFlagAtTheMoreSeriousGrade()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var file = "学号,量表,日期,题1,题2,题3,题4,题5,题6,题7,题8,题9\n"
            + $"{Number(13)},GAD-7,2026-10-22,3,3,3,3,2,1,1,,\n{Number(13)},PHQ-9,2026-10-22,0,0,0,0,0,0,0,0,1\n";

        var done = await ImportAsync(psych, file);

        done.ShouldSatisfyAllConditions(v => v.Recorded.ShouldBe(2), v => v.Flagged.ShouldBe(1));
        var view = await Grains.GetGrain<IStudentCaseGrain>((await OpenCaseOfAsync(13)).ShouldNotBeNull()).ReadAsync(new(TestSeed.Psychologist, "t", null));
        view.Grade.ShouldBe(CrisisGrade.Severe);
        view.Flags.ShouldHaveSingleItem().Signs.ShouldBe([ObservedSign.ScreeningSuicideItem]);
    }

    [Fact]
    public async Task AFileOtherThanThePreviewedOneIsRefusedAndNothingIsImported()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var previewed = $"学号,量表,日期,题1,题2,题3,题4,题5,题6,题7\n{Number(12)},GAD-7,2026-10-21,3,3,3,3,3,3,3\n";
        var changed = previewed.Replace("3,3,3,3,3,3,3", "0,0,0,0,0,0,0");

        var response = await psych.Http.PostAsync($"api/schools/{TestSeed.School}/screening/imports?expect={IdOf(previewed)}", Csv(changed));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("preview it again");
        (await Grains.GetGrain<IStudentScreeningsGrain>(TestSeed.Student(TestSeed.Class, 12)).ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFileOfAnotherKindOrWithoutItsColumnsIsAProblemThatSaysWhatIsExpected()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var pdf = await psych.Http.PostAsync($"api/schools/{TestSeed.School}/screening/preview", new ByteArrayContent([1, 2, 3])
        {
            Headers = { ContentType = new("application/pdf") },
        });
        pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pdf.Content.ReadAsStringAsync()).ShouldContain("text/csv");

        var headless = await psych.Http.PostAsync($"api/schools/{TestSeed.School}/screening/preview", Csv("name,scale\nx,PHQ-9\n"));
        headless.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await headless.Content.ReadAsStringAsync()).ShouldContain("no student number column");
    }

    [Fact]
    public async Task AnotherSchoolIsNotFoundForThePsychologyCentre()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var response = await psych.Http.PostAsync($"api/schools/{TestSeed.OtherSchool}/screening/preview", Csv(Term));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
