using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Privacy;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>A guardian's request: the complete record of one student, and a correction request with its outcome, both audited.</summary>
public sealed class SubjectExportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ThePsychologyCentreExportsEverythingHeldAboutAStudentAndTheExportIsRecorded()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 6);
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var first = await teacher.FlagAsync(studentId, "export-1", ObservedSign.Distress);
        var firstCase = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{firstCase}/close", new { disposition = "talked it through with the family" })).EnsureSuccessStatusCode();
        var second = await teacher.FlagAsync(studentId, "export-2", ObservedSign.SelfHarm);
        var secondCase = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var seed = new Ledger.ScreeningsAndPlansSeed(server.Factory);
        await seed.ScreenAsync(new CrisisHub.Contracts.Screening.ScreeningResult(studentId, TestSeed.School, TestSeed.Grade, "phq-9", new DateOnly(2026, 10, 12),
            [1, 1, 1, 1, 1, 1, 1, 1, 0], 8, CrisisHub.Contracts.Screening.ScreeningOutcome.None, null, "import", 2));
        await seed.PlanAsync(studentId, 2, TestSeed.Psychologist, new DateOnly(2026, 12, 10));
        (await psych.PostAsync($"api/schools/{TestSeed.School}/ledger/reviews", new { studentId, month = "2026-11", toLevel = 2, note = "steady" })).EnsureSuccessStatusCode();

        var export = await psych.GetAsync<JsonElement>($"api/students/{studentId}/export");
        export.GetProperty("format").GetString().ShouldBe("crisishub.subject-export.v1");
        export.GetProperty("screenings").EnumerateArray().ShouldHaveSingleItem().GetProperty("result").GetProperty("items").GetArrayLength().ShouldBe(9);
        export.GetProperty("planVersions").EnumerateArray().ShouldHaveSingleItem().GetProperty("plan").GetProperty("level").GetInt32().ShouldBe(2);
        export.GetProperty("ledgerReviews").EnumerateArray().ShouldHaveSingleItem().GetProperty("note").GetString().ShouldBe("steady");
        export.GetProperty("student").GetProperty("record").GetProperty("guardians")[0].GetProperty("phone").GetString().ShouldNotBeNullOrEmpty();
        var cases = export.GetProperty("cases").EnumerateArray().ToList();
        cases.Select(c => c.GetProperty("case").GetProperty("caseId").GetString()).ShouldBe([firstCase, secondCase], "every case, the closed one too, oldest first");
        cases[0].GetProperty("case").GetProperty("disposition").GetString().ShouldBe("talked it through with the family");
        cases.ShouldAllBe(c => c.GetProperty("trail").GetProperty("verification").GetProperty("intact").GetBoolean());
        export.GetProperty("reads").GetProperty("reads").EnumerateArray()
            .ShouldContain(r => r.GetProperty("kind").GetString() == nameof(PersonalDataReadKind.RecordExported) && r.GetProperty("readerId").GetString() == TestSeed.Psychologist);

        // Only the psychology centre: not the district's administrator (who reads no case), a teacher, a school administrator.
        (await (await server.SignInAsync("admin")).Http.GetAsync($"api/students/{studentId}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await teacher.Http.GetAsync($"api/students/{studentId}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await server.SignInAsync(TestSeed.SchoolAdmin)).Http.GetAsync($"api/students/{studentId}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ACorrectionRequestAndItsOutcomeAreKeptAndChainedIntoTheDistrictsLog()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 8);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var missing = await psych.PostAsync($"api/students/{studentId}/corrections", new { requestedBy = "母亲", what = "", requested = "x" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("what");

        var recorded = await psych.PostAsync($"api/students/{studentId}/corrections",
            new { requestedBy = "母亲 王某", what = "The age on record is 15", requested = "She is 14" });
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        var request = (await recorded.Content.ReadFromJsonAsync<CorrectionRequest>(ApiClient.Json))!;
        request.Decision.ShouldBeNull();

        var wrongOutcome = await psych.PostAsync($"api/students/{studentId}/corrections/{request.RequestId}/decision", new { outcome = "Maybe", response = "x" });
        wrongOutcome.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongOutcome.Content.ReadAsStringAsync()).ShouldContain("Corrected");
        var decided = await psych.PostAsync($"api/students/{studentId}/corrections/{request.RequestId}/decision",
            new { outcome = "Corrected", response = "Age corrected by the school office" });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        (await psych.PostAsync($"api/students/{studentId}/corrections/{request.RequestId}/decision", new { outcome = "Declined", response = "again" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var list = await psych.GetAsync<CorrectionRequest[]>($"api/students/{studentId}/corrections");
        list.Single().Decision!.ShouldSatisfyAllConditions(d => d.Outcome.ShouldBe(CorrectionOutcome.Corrected), d => d.DecidedBy.ShouldBe(TestSeed.Psychologist));
        var log = await (await server.SignInAsync("admin")).GetAsync<JsonElement>("api/admin/audit?take=10");
        var actions = log.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("target").GetString() == $"student:{studentId}")
            .Select(r => r.GetProperty("action").GetString()).ToList();
        actions.ShouldBe([nameof(AdminAuditAction.CorrectionDecided), nameof(AdminAuditAction.CorrectionRequested)]);
        log.GetProperty("verification").GetProperty("intact").GetBoolean().ShouldBeTrue();
        var export = await psych.GetAsync<JsonElement>($"api/students/{studentId}/export");
        export.GetProperty("corrections")[0].GetProperty("decision").GetProperty("outcome").GetString().ShouldBe("Corrected");
    }
}
