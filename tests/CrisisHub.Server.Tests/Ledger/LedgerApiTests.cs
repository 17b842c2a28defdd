using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Ledger;
using CrisisHub.Server.Ledger;
using MiniExcelLibs;

namespace CrisisHub.Server.Tests.Ledger;

/// <summary>
/// The attention ledger over HTTP: derived from real open cases and the screenings and plans put in place, read by the
/// school's keepers with every read recorded, counted for the district, reviewed monthly, exported for the meeting.
/// Students of class ts1-g2-c1 are this class's own (other tests of the server use ts1-g1-c1).
/// </summary>
public sealed class LedgerApiTests(LedgerServerFixture server) : IClassFixture<LedgerServerFixture>
{
    private const string Class = TestSeed.OtherClassSameSchool;
    private static readonly string Severe = TestSeed.Student(Class, 1);
    private static readonly string General = TestSeed.Student(Class, 2);
    private static readonly string Planned = TestSeed.Student(Class, 3);
    private static readonly string Watched = TestSeed.Student(Class, 4);
    private static readonly string Reviewed = TestSeed.Student(Class, 5);
    private static readonly string Exported = TestSeed.Student(Class, 6);
    private const string Month = "2026-11"; // the fake clock's 23 November

    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static bool _arranged;

    /// <summary>The same facts for every test of the class (the ledger is the school's, the school is shared).</summary>
    private async Task ArrangeAsync()
    {
        await Arranged.WaitAsync();
        try
        {
            if (_arranged) return;
            var teacher = await server.SignInAsync($"{Class}-teacher");
            (await teacher.FlagAsync(Severe, "ledger-severe", ObservedSign.SelfHarm)).EnsureSuccessStatusCode();
            (await teacher.FlagAsync(General, "ledger-general", ObservedSign.Distress)).EnsureSuccessStatusCode();
            (await teacher.FlagAsync(Reviewed, "ledger-reviewed", ObservedSign.Distress)).EnsureSuccessStatusCode();
            await server.Sources.PlanAsync(Planned, 3, TestSeed.Psychologist, new DateOnly(2026, 12, 10));
            await server.Sources.ScreenAsync(new ScreeningResult(Watched, TestSeed.School, TestSeed.OtherGrade, "PHQ-9", new DateOnly(2026, 10, 9), [1, 1, 1, 0, 0, 1, 0, 1, 0], 5,
                ScreeningOutcome.Watch, "total>=5", "import-1", 2));
            await server.Sources.ScreenAsync(new ScreeningResult(Exported, TestSeed.School, TestSeed.OtherGrade, "PHQ-9", new DateOnly(2026, 10, 9), [2, 2, 1, 1, 1, 1, 1, 1, 0], 10,
                ScreeningOutcome.General, "total>=10", "import-1", 3));
            // A screening of the other school puts no one on this school's ledger.
            await server.Sources.ScreenAsync(new ScreeningResult(TestSeed.Student(TestSeed.OtherSchoolClass, 1), TestSeed.OtherSchool, "ts2-g1", "PHQ-9",
                new DateOnly(2026, 10, 9), [3, 3, 3, 3, 3, 3, 3, 3, 0], 24, ScreeningOutcome.General, null, "import-2", 2));
            _arranged = true;
        }
        finally
        {
            Arranged.Release();
        }
    }

    /// <summary>The ledger once the cases flagged above have reached the school's wallboard.</summary>
    private async Task<LedgerView> LedgerAsync(ApiClient reader) => await Eventually.Async(
        () => reader.GetAsync<LedgerView>($"api/schools/{TestSeed.School}/ledger"),
        v => !v.NamesShown || new[] { Severe, General, Reviewed }.All(s => v.Rows.Any(r => r.StudentId == s)));

    [Fact]
    public async Task ThePsychologyCentreReadsEachStudentAtTheLevelTheirSourcesGiveAndEachReadIsRecorded()
    {
        await ArrangeAsync();
        var psych = await server.SignInAsync(TestSeed.Psychologist);

        var view = await LedgerAsync(psych);

        view.Month.ShouldBe(Month);
        view.NamesShown.ShouldBeTrue();
        view.CanOpenArchive.ShouldBeTrue();
        view.Levels.Select(l => l.Label).ShouldBe(LedgerLevelLabels.Default.ZhCn);
        var rows = view.Rows.ToDictionary(r => r.StudentId);
        rows[Severe].ShouldSatisfyAllConditions(r => r.Level.ShouldBe(1), r => r.Reasons.ShouldBe([LedgerReason.SevereOrMajorCase]),
            r => r.Name.ShouldBe(TestSeed.StudentName), r => r.ClassId.ShouldBe(Class), r => r.ClassName.ShouldBe($"Class {Class}"),
            r => r.ResponsibleAdult.ShouldBe($"Staff {Class}-teacher"), r => r.NextDeadline.ShouldNotBeNull(), r => r.CaseId.ShouldNotBeNull());
        rows[General].ShouldSatisfyAllConditions(r => r.Level.ShouldBe(2), r => r.Reasons.ShouldBe([LedgerReason.GeneralCase]));
        rows[Planned].ShouldSatisfyAllConditions(r => r.Level.ShouldBe(3), r => r.Reasons.ShouldBe([LedgerReason.Plan]),
            r => r.ResponsibleAdult.ShouldBe("Psychology centre"), r => r.NextReviewOn.ShouldBe(new DateOnly(2026, 12, 10)), r => r.NextDeadline.ShouldBeNull());
        rows[Watched].ShouldSatisfyAllConditions(r => r.Level.ShouldBe(4), r => r.Reasons.ShouldBe([LedgerReason.WatchScreening]));
        view.Rows.ShouldNotContain(r => r.StudentId.StartsWith(TestSeed.OtherSchool));
        view.Levels.Sum(l => l.Count).ShouldBe(view.Rows.Length);

        // No score or item leaves with the ledger.
        var json = await psych.Http.GetStringAsync($"api/schools/{TestSeed.School}/ledger");
        json.ShouldNotContain("total", Case.Insensitive);
        json.ShouldNotContain("items", Case.Insensitive);

        var reads = await psych.GetAsync<JsonElement>($"api/students/{Watched}/reads");
        reads.GetProperty("reads").EnumerateArray().ShouldContain(r => r.GetProperty("kind").GetString() == nameof(PersonalDataReadKind.LedgerListed)
            && r.GetProperty("target").GetString() == TestSeed.School && r.GetProperty("readerId").GetString() == TestSeed.Psychologist);
    }

    [Fact]
    public async Task TheLeadingGroupReadsNamesTheDistrictCountsOnlyAndNoOneElseReachesTheLedger()
    {
        await ArrangeAsync();
        var leader = await LedgerAsync(await server.SignInAsync("ts1-leader"));
        leader.NamesShown.ShouldBeTrue();
        leader.CanOpenArchive.ShouldBeFalse("the archive is the psychology centre's");

        var officer = await server.SignInAsync("officer");
        var counts = await Eventually.Async(() => officer.GetAsync<LedgerView>($"api/schools/{TestSeed.School}/ledger"),
            v => v.Levels.Sum(l => l.Count ?? 0) + v.Levels.Count(l => l.Suppressed) > 0);
        counts.ShouldSatisfyAllConditions(v => v.NamesShown.ShouldBeFalse(), v => v.Rows.ShouldBeEmpty(), v => v.CanReview.ShouldBeFalse());
        // Outside the school a count of 1 to 4 could name a child: it is suppressed, as the district's figures are.
        counts.Levels.Select(l => l.Count is > 0 and < 5 ? "small" : l.Suppressed ? "<5" : l.Count.ToString())
            .ShouldBe(leader.Levels.Select(l => l.Count is > 0 and < 5 ? "<5" : l.Count.ToString()));
        counts.Levels.ShouldContain(l => l.Suppressed, "this school's ledger has levels of fewer than 5 students");
        (await officer.Http.GetAsync($"api/schools/{TestSeed.School}/ledger.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PostAsync($"api/schools/{TestSeed.School}/ledger/reviews", new { studentId = General, month = Month, toLevel = 2 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Another school's keepers get the same 404 as for a school that does not exist; a head teacher's role keeps no ledger.
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await psych.Http.GetAsync($"api/schools/{TestSeed.OtherSchool}/ledger")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await psych.Http.GetAsync($"api/schools/{TestSeed.OtherSchool}/ledger.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await psych.Http.GetAsync("api/schools/no-such-school/ledger")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await server.SignInAsync("ts2-leader")).Http.GetAsync($"api/schools/{TestSeed.School}/ledger")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await server.SignInAsync($"{Class}-teacher")).Http.GetAsync($"api/schools/{TestSeed.School}/ledger")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AReviewIsMeasuredFromTheLevelTheLedgerShowsAndRecordedOncePerMonth()
    {
        await ArrangeAsync();
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await LedgerAsync(psych)).Rows.Single(r => r.StudentId == Reviewed).Level.ShouldBe(2);
        var path = $"api/schools/{TestSeed.School}/ledger/reviews";

        var raised = await psych.PostAsync(path, new { studentId = Reviewed, month = Month, toLevel = 1, note = "新的自伤迹象" });
        raised.StatusCode.ShouldBe(HttpStatusCode.OK, await raised.Content.ReadAsStringAsync());
        var review = (await raised.Content.ReadFromJsonAsync<LedgerReview>(ApiClient.Json))!;
        review.ShouldSatisfyAllConditions(r => r.FromLevel.ShouldBe(2), r => r.ToLevel.ShouldBe(1), r => r.Movement.ShouldBe(LedgerMovement.Raised),
            r => r.ReviewedBy.ShouldBe(TestSeed.Psychologist), r => r.GradeId.ShouldBe(TestSeed.OtherGrade));
        (await psych.PostAsync(path, new { studentId = Reviewed, month = Month, toLevel = 2, note = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var row = (await LedgerAsync(psych)).Rows.Single(r => r.StudentId == Reviewed);
        row.ThisMonthsReview!.Movement.ShouldBe(LedgerMovement.Raised);
        row.LastReview.ShouldBe(row.ThisMonthsReview);

        // A student not on the ledger is at 0: keeping them off is unchanged, and needs no note.
        var offLedger = TestSeed.Student(Class, 19);
        var kept = await psych.PostAsync(path, new { studentId = offLedger, month = Month, toLevel = 0 });
        (await kept.Content.ReadFromJsonAsync<LedgerReview>(ApiClient.Json))!.Movement.ShouldBe(LedgerMovement.Unchanged);

        // Bad input names what is allowed; a student of another school is not found.
        var bad = await psych.PostAsync(path, new { studentId = General, month = "2026-09", toLevel = 7 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("2026-11, 2026-10");
        problem.ShouldContain("0, 1, 2, 3, 4");
        (await psych.PostAsync(path, new { studentId = General, month = Month, toLevel = 3 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "lowering needs a note");
        (await psych.PostAsync(path, new { studentId = TestSeed.Student(TestSeed.OtherSchoolClass, 2), month = Month, toLevel = 2, note = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheMeetingsSheetReadsBackWithTheLedgersRowsAndItsNameNamesNoOne()
    {
        await ArrangeAsync();
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var view = await LedgerAsync(psych);

        var response = await psych.Http.GetAsync($"api/schools/{TestSeed.School}/ledger.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"ledger-{TestSeed.School}-{Month}.xlsx");

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        sheet.First().Keys.ShouldBe(["等级", "年级", "班级", "学生", "原因", "责任人", "下次复核", "本月复核"]);
        sheet.Select(r => r["学生"]?.ToString()).ShouldBe(view.Rows.Select(r => r.Name), "the same students, most attention first");
        var exported = sheet.Single(r => r["学生"]?.ToString() == "学生6");
        exported["等级"].ShouldBe($"3 {view.Levels[2].Label}");
        exported["班级"].ShouldBe($"Class {Class}");
        exported["原因"].ShouldBe("测评：一般");
        sheet.Single(r => r["学生"]?.ToString() == "学生3")["下次复核"].ShouldBe("2026-12-10");

        var reads = await psych.GetAsync<JsonElement>($"api/students/{Exported}/reads");
        reads.GetProperty("reads").EnumerateArray().ShouldContain(r => r.GetProperty("kind").GetString() == nameof(PersonalDataReadKind.LedgerExported));
    }

    [Fact]
    public async Task TheDistrictNamesTheFourLevelsAndOnlyFourWithWords()
    {
        var admin = await server.SignInAsync("admin");
        var path = $"api/admin/districts/{TestSeed.District}/ledger-levels";
        (await admin.GetAsync<LedgerLevelLabels>(path)).En.ShouldBe(LedgerLevelLabels.Default.En);

        var three = await admin.Http.PutAsJsonAsync(path, new { zhCn = new[] { "一", "二", "三" }, en = new[] { "a", "b", "c", "d" } });
        three.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await three.Content.ReadAsStringAsync()).ShouldContain("exactly 4");
        var set = await admin.Http.PutAsJsonAsync(path, new { zhCn = LedgerLevelLabels.Default.ZhCn, en = new[] { "Red", "Orange", "Yellow", "Blue" } });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());

        var english = await server.SignInAsync("ts1-leader");
        (await english.Http.PutAsJsonAsync("api/auth/me/language", new { language = "en" })).EnsureSuccessStatusCode();
        english = await server.SignInAsync("ts1-leader");
        (await english.GetAsync<LedgerView>($"api/schools/{TestSeed.School}/ledger")).Levels.Select(l => l.Label).ShouldBe(["Red", "Orange", "Yellow", "Blue"]);
        (await english.Http.PutAsJsonAsync("api/auth/me/language", new { language = "zh-CN" })).EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync(path, new { zhCn = LedgerLevelLabels.Default.ZhCn, en = LedgerLevelLabels.Default.En })).EnsureSuccessStatusCode();
    }
}
