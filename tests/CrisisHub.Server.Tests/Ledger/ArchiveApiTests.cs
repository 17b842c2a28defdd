using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Ledger;

namespace CrisisHub.Server.Tests.Ledger;

/// <summary>A student's archive (一生一档): every screening, case and plan version, where each was made, read by the psychology centre only, each read recorded.</summary>
public sealed class ArchiveApiTests(LedgerServerFixture server) : IClassFixture<LedgerServerFixture>
{
    private static readonly string Student = TestSeed.Student(TestSeed.OtherClassSameSchool, 7);

    [Fact]
    public async Task ThePsychologyCentreReadsTheStudentsWholeRecordWithItemsAndTheReadIsRecorded()
    {
        var teacher = await server.SignInAsync($"{TestSeed.OtherClassSameSchool}-teacher");
        var first = await teacher.FlagAsync(Student, "archive-1", ObservedSign.Distress);
        var firstCase = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{firstCase}/close", new { disposition = "talked it through" })).EnsureSuccessStatusCode();
        var second = await teacher.FlagAsync(Student, "archive-2", ObservedSign.SelfHarm);
        var secondCase = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        await server.Sources.ScreenAsync(new ScreeningResult(Student, TestSeed.School, TestSeed.OtherGrade, "PHQ-9", new DateOnly(2025, 10, 9), [1, 1, 0, 0, 0, 1, 0, 1, 0], 4,
            ScreeningOutcome.None, null, "import-2025", 7));
        await server.Sources.ScreenAsync(new ScreeningResult(Student, TestSeed.School, TestSeed.OtherGrade, "PHQ-9", new DateOnly(2026, 10, 9), [2, 2, 1, 1, 1, 1, 1, 1, 1], 11,
            ScreeningOutcome.Severe, "item9>=1", "import-2026", 7));
        await server.Sources.PlanAsync(Student, 1, TestSeed.Psychologist, new DateOnly(2026, 12, 1));

        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var archive = await psych.GetAsync<StudentArchive>($"api/students/{Student}/archive");

        archive.Name.ShouldBe("学生7");
        archive.Cases.Select(c => (c.CaseId, c.Status, c.SchoolId, c.GradeId)).ShouldBe(
            [(firstCase, CaseStatus.Closed, TestSeed.School, TestSeed.OtherGrade), (secondCase, CaseStatus.Open, TestSeed.School, TestSeed.OtherGrade)]);
        archive.Cases[0].ClosedAt.ShouldNotBeNull();
        archive.Cases[1].Grade.ShouldBe(CrisisGrade.Severe);
        archive.Screenings.Select(s => (s.Date, s.Total, s.Outcome)).ShouldBe(
            [(new DateOnly(2025, 10, 9), 4, ScreeningOutcome.None), (new DateOnly(2026, 10, 9), 11, ScreeningOutcome.Severe)]);
        archive.Screenings[1].Items.ShouldBe([2, 2, 1, 1, 1, 1, 1, 1, 1], "the psychology centre reads the items");
        archive.Plans.ShouldHaveSingleItem().Level.ShouldBe(1);
        archive.Places[TestSeed.School].ShouldBe($"School {TestSeed.School}");
        archive.Places[TestSeed.OtherGrade].ShouldBe($"Grade {TestSeed.OtherGrade}");

        var reads = await psych.GetAsync<JsonElement>($"api/students/{Student}/reads");
        var kinds = reads.GetProperty("reads").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain(nameof(PersonalDataReadKind.ArchiveRead));
        // Each case read for the archive is in the case's own trail too.
        var trail = await psych.GetAsync<AuditTrail>($"api/cases/{firstCase}/audit");
        trail.Records.ShouldContain(r => r.Action == nameof(AuditAction.CaseRead) && r.ActorId == TestSeed.Psychologist);
    }

    [Fact]
    public async Task NoOneButTheStudentsPsychologyCentreReadsTheArchive()
    {
        foreach (var refused in new[] { "ts1-leader", "officer", "admin", $"{TestSeed.OtherClassSameSchool}-teacher" })
            (await (await server.SignInAsync(refused)).Http.GetAsync($"api/students/{Student}/archive")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, refused);

        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await psych.Http.GetAsync($"api/students/{TestSeed.Student(TestSeed.OtherSchoolClass, 3)}/archive")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await psych.Http.GetAsync("api/students/nobody/archive")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
