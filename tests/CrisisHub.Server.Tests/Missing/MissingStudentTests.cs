using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Server.Tests.Authorization;

namespace CrisisHub.Server.Tests.Missing;

/// <summary>
/// A missing student (失联) end to end on a server of its own (its clock moves far): the report raises the case by the
/// district's grades and texts the school's police contact (case code, school contact, last seen; no name); "found" stops
/// the escalation, tells everyone texted and leaves the case open; police never hear of a case without a missing student.
/// </summary>
public sealed class MissingStudentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Teacher = "ts1-g1-c1-teacher";
    private static readonly DateTimeOffset LastSeen = CrisisHubFactory.NewClock().GetUtcNow().AddMinutes(-40);

    private static object Report(params string[] warningSigns) => new
    {
        lastSeenAt = LastSeen, lastSeenPlace = "East gate", lastSeenBy = "Dorm supervisor", warningSigns,
        description = "blue school jacket, grey backpack",
    };

    private async Task<(string CaseId, HttpResponseMessage Response)> ReportAsync(ApiClient who, string studentId, string key, object body)
    {
        var response = await PostMissingAsync(who, studentId, key, body);
        await response.ShouldSucceedAsync();
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("caseId", out var c) ? c.GetString() ?? "" : "";
        return (caseId, response);
    }

    private static async Task<HttpResponseMessage> PostMissingAsync(ApiClient who, string studentId, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/students/{studentId}/missing") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await who.Http.SendAsync(request);
    }

    private async Task<LocalText[]> OutboxAsync() => await (await server.SignInAsync("admin")).GetAsync<LocalText[]>("api/sms/outbox");

    private async Task<LocalText[]> TextsOfAsync(string caseId, Func<LocalText, bool> match, int atLeast) =>
        [.. (await Eventually.Async(OutboxAsync, texts => texts.Count(t => t.Body.Contains(caseId) && match(t)) >= atLeast))
            .Where(t => t.Body.Contains(caseId) && match(t))];

    [Fact]
    public async Task AReportWithWarningSignsIsMajorAndTextsThePoliceTheCaseCodeSchoolContactAndLastSeenButNoName()
    {
        var teacher = await server.SignInAsync(Teacher);
        var student = TestSeed.Student(TestSeed.Class, 3);
        var (caseId, response) = await ReportAsync(teacher, student, "missing-major", Report("TalkedAboutSuicide"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var view = await psych.GetAsync<CaseView>($"api/cases/{caseId}");
        view.Grade.ShouldBe(CrisisGrade.Major);
        view.Flags.ShouldHaveSingleItem().Source.ShouldBe(FlagSource.MissingStudentReport);
        view.Flags[0].Signs.ShouldBe([ObservedSign.MissingWithWarningSigns, ObservedSign.TalkedAboutSuicide]);
        view.StudentMissing.ShouldBeTrue();
        view.MissingEpisodes.ShouldNotBeNull().ShouldHaveSingleItem().Report.LastSeenPlace.ShouldBe("East gate");

        var police = (await TextsOfAsync(caseId, t => t.To == TestSeed.PolicePhone, 1)).ShouldHaveSingleItem();
        var school = await (await server.SignInAsync("admin")).GetAsync<WarningNodeView>($"api/admin/nodes/{TestSeed.School}");
        var contact = school.Responders.First(r => r.Role == ResponderRole.SchoolLeader).Phone;
        police.Body.ShouldContain(caseId);
        police.Body.ShouldContain(contact);
        police.Body.ShouldContain("East gate");
        police.Body.ShouldContain(LastSeen.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm"));
        foreach (var secret in new[] { view.StudentName, "jacket", "Suicide", "自杀", "Dorm supervisor" }) police.Body.ShouldNotContain(secret);
        view.Texts.ShouldContain(t => t.Role == ResponderRole.Police);

        // The same key again is the same report: no second case, flag or police text.
        var again = await PostMissingAsync(teacher, student, "missing-major", Report("TalkedAboutSuicide"));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await psych.GetAsync<CaseView>($"api/cases/{caseId}")).Flags.Length.ShouldBe(1);
    }

    [Fact]
    public async Task WithoutWarningSignsItIsSevereAndTheDistrictsSettingDecidesBoth()
    {
        var informant = await server.SignInAsync("ts1-g1-c1-r1-informant");
        var severe = await PostMissingAsync(informant, TestSeed.Student(TestSeed.Class, 5), "missing-severe", Report());
        severe.StatusCode.ShouldBe(HttpStatusCode.Created);
        var receipt = await severe.Content.ReadFromJsonAsync<JsonElement>();
        receipt.GetProperty("grade").GetString().ShouldBe("Severe");
        receipt.GetProperty("caseId").ValueKind.ShouldBe(JsonValueKind.Null, "a reporting student learns no case id");

        var admin = await server.SignInAsync("admin");
        var path = $"api/admin/districts/{TestSeed.District}/missing-grades";
        (await admin.GetAsync<MissingGrades>(path)).ShouldBe(MissingGrades.Default);
        (await admin.Http.PutAsJsonAsync(path, new { withWarningSigns = "Severe", withoutWarningSigns = "Major" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.Http.PutAsJsonAsync(path, new { withWarningSigns = "Watch" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        try
        {
            (await admin.Http.PutAsJsonAsync(path, new { withWarningSigns = "Severe", withoutWarningSigns = "General" })).EnsureSuccessStatusCode();
            var teacher = await server.SignInAsync(Teacher);
            var (generalCase, _) = await ReportAsync(teacher, TestSeed.Student(TestSeed.Class, 9), "missing-general", Report());
            (await teacher.GetAsync<CaseView>($"api/cases/{generalCase}")).Grade.ShouldBe(CrisisGrade.General);
            var (severeCase, _) = await ReportAsync(teacher, TestSeed.Student(TestSeed.Class, 11), "missing-configured", Report("Distress"));
            (await teacher.GetAsync<CaseView>($"api/cases/{severeCase}")).Grade.ShouldBe(CrisisGrade.Severe);
            // A warning sign graver than the setting still counts: an attempt is Major whatever the district set.
            var (attemptCase, _) = await ReportAsync(teacher, TestSeed.Student(TestSeed.Class, 13), "missing-attempt", Report("AttemptOrPreparation"));
            (await teacher.GetAsync<CaseView>($"api/cases/{attemptCase}")).Grade.ShouldBe(CrisisGrade.Major);
        }
        finally
        {
            (await admin.Http.PutAsJsonAsync(path, new { withWarningSigns = "Major", withoutWarningSigns = "Severe" })).EnsureSuccessStatusCode();
        }

        var audit = await admin.Http.GetStringAsync($"api/admin/audit?districtId={TestSeed.District}");
        audit.ShouldContain("MissingGradesSet");
    }

    [Fact]
    public async Task FoundStopsTheEscalationTellsEveryoneTextedAndLeavesTheCaseOpenForAReferral()
    {
        var teacher = await server.SignInAsync(Teacher);
        var (caseId, _) = await ReportAsync(teacher, TestSeed.Student(TestSeed.Class, 7), "missing-found", Report("SuddenWithdrawal"));
        // Nobody acknowledges: the Major alarm repeats every five minutes.
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var escalated = await Eventually.Async(() => teacher.GetAsync<CaseView>($"api/cases/{caseId}"), v => v.Escalation.Round == 1);
        await Eventually.Async(() => teacher.GetAsync<CaseView>($"api/cases/{caseId}"), v => v.Texts.Count(t => t.Firing == 2) > 0);
        var alerted = (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Texts.Select(t => t.RecipientId).Distinct().ToArray();
        alerted.ShouldContain($"{TestSeed.School}-police");

        var found = await teacher.PostAsync($"api/cases/{caseId}/found", new
        {
            foundAt = server.Clock.GetUtcNow().AddMinutes(-1), foundPlace = "Library", foundBy = "Security guard", condition = "Distressed",
            hospitalNeeded = true, note = "cold, talking",
        });
        await found.ShouldSucceedAsync();
        var view = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");
        view.StudentMissing.ShouldBeFalse();
        view.MissingEpisodes!.Single().Found!.Condition.ShouldBe(FoundCondition.Distressed);
        view.Status.ShouldNotBe(CaseStatus.Closed);
        view.Escalation.State.ShouldBe(AlertState.Acknowledged);
        view.Escalation.StepDeadline.ShouldBeNull();
        view.Escalation.ActionDueAt.ShouldBeNull();

        // Everyone texted about the case, police included, hears "found" once; nobody hears the alarm again.
        var foundTexts = await TextsOfAsync(caseId, t => t.MessageId.Contains(".found1."), alerted.Length);
        foundTexts.Select(t => t.MessageId).Distinct().Count().ShouldBe(alerted.Length);
        foundTexts.ShouldContain(t => t.To == TestSeed.PolicePhone);
        foundTexts.ShouldAllBe(t => !t.Body.Contains(view.StudentName));
        var alarmTexts = view.Texts.Count(t => !t.MessageId.Contains(".found"));
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        server.Clock.Advance(TimeSpan.FromHours(3));
        var later = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");
        later.Texts.Count(t => !t.MessageId.Contains(".found")).ShouldBe(alarmTexts);
        later.Escalation.Round.ShouldBe(escalated.Escalation.Round);
        later.Escalation.State.ShouldBe(AlertState.Acknowledged);

        // A second "found" is a conflict; a retry of the same one is not a second record.
        (await teacher.PostAsync($"api/cases/{caseId}/found", new
        {
            foundAt = server.Clock.GetUtcNow(), foundPlace = "Gym", foundBy = "Coach", condition = "Unharmed", hospitalNeeded = false,
        })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The case stays open for follow-up: the green channel can still be asked for.
        view.CanRefer.ShouldBeTrue();
        await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" }).ShouldSucceedAsync();
        await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "found distressed after going missing", meansAccess = "none", protectiveFactors = "friends",
            safetyPlan = new
            {
                warningSigns = "withdrawal", internalCoping = "music", peopleAndPlacesForDistraction = "library",
                peopleToAskForHelp = "head teacher", professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "checked",
            },
            schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        }).ShouldSucceedAsync();
    }

    [Fact]
    public async Task PoliceAreNeverTextedAboutAMentalHealthCaseEvenAfterItsWholeEscalation()
    {
        var teacher = await server.SignInAsync(Teacher);
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 15), "not-missing", ObservedSign.SaidTheyIntendToAct);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        // Major: every level at once (the school's, where the police contact is configured, included), repeated three times.
        for (var round = 0; round < 4; round++)
        {
            await Eventually.Async(() => teacher.GetAsync<CaseView>($"api/cases/{caseId}"), v => v.Escalation.Round == round || v.Escalation.Exhausted);
            server.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var view = await Eventually.Async(() => teacher.GetAsync<CaseView>($"api/cases/{caseId}"), v => v.Escalation.Exhausted);
        view.Texts.ShouldContain(t => t.Role == ResponderRole.SchoolLeader, "the school level was texted");
        view.Texts.ShouldNotContain(t => t.Role == ResponderRole.Police);
        await TextsOfAsync(caseId, t => t.MessageId.EndsWith("-leader"), 4);
        (await OutboxAsync()).ShouldNotContain(t => t.Body.Contains(caseId) && t.To == TestSeed.PolicePhone);
        // And "found" is refused on it: there is no missing student to find.
        (await teacher.PostAsync($"api/cases/{caseId}/found", new
        {
            foundAt = server.Clock.GetUtcNow(), foundPlace = "Gym", foundBy = "Coach", condition = "Unharmed", hospitalNeeded = false,
        })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadReportsAreRefusedWithTheirFieldsAndOnlyThoseWhoMayFlagTheStudentReportThem()
    {
        var teacher = await server.SignInAsync(Teacher);
        var student = TestSeed.Student(TestSeed.Class, 17);
        (await PostMissingAsync(teacher, student, null, Report())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var bad = await PostMissingAsync(teacher, student, "missing-bad", new
        {
            lastSeenAt = LastSeen.AddDays(2), lastSeenPlace = "", lastSeenBy = "x", warningSigns = new[] { "Missing" },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "lastSeenAt", "lastSeenPlace", "warningSigns", "TalkedAboutSuicide" }) problem.ShouldContain(field);
        var unknownSign = await PostMissingAsync(teacher, student, "missing-bad2", new { lastSeenAt = LastSeen, lastSeenPlace = "a", lastSeenBy = "b", warningSigns = new[] { "Sad" } });
        unknownSign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownSign.Content.ReadAsStringAsync()).ShouldContain("SelfHarm");

        (await PostMissingAsync(await server.SignInAsync("ts1-g1-c1-monitor"), student, "m1", Report())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostMissingAsync(await server.SignInAsync("ts1-g2-c1-teacher"), student, "m2", Report())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostMissingAsync(await server.SignInAsync("ts2-leader"), student, "m3", Report())).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (caseId, _) = await ReportAsync(await server.SignInAsync(TestSeed.Psychologist), student, "missing-psych", Report());
        var badFound = await teacher.PostAsync($"api/cases/{caseId}/found", new { foundPlace = "x", foundBy = "y", condition = "Fine" });
        badFound.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFound.Content.ReadAsStringAsync()).ShouldContain("Unharmed");
        (await (await server.SignInAsync("ts1-g2-c1-teacher")).PostAsync($"api/cases/{caseId}/found", new
        {
            foundAt = server.Clock.GetUtcNow(), foundPlace = "Gym", foundBy = "Coach", condition = "Unharmed", hospitalNeeded = false,
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheWallboardSummaryCarriesWhenTheMissingStudentWasLastSeenUntilFound()
    {
        var teacher = await server.SignInAsync(Teacher);
        var (caseId, _) = await ReportAsync(teacher, TestSeed.Student(TestSeed.Class, 19), "missing-board", Report());
        var duty = await server.SignInAsync("ts1-duty");
        var onBoard = await Eventually.Async(() => duty.GetAsync<Board>($"api/wallboards/{TestSeed.School}?take=1000"),
            p => p.Alerts.Any(a => a.CaseId == caseId));
        onBoard.Alerts.Single(a => a.CaseId == caseId).MissingSince.ShouldBe(LastSeen);

        await teacher.PostAsync($"api/cases/{caseId}/found", new
        {
            foundAt = server.Clock.GetUtcNow(), foundPlace = "Canteen", foundBy = "Cook", condition = "Unharmed", hospitalNeeded = false,
        }).ShouldSucceedAsync();
        var after = await Eventually.Async(() => duty.GetAsync<Board>($"api/wallboards/{TestSeed.School}?take=1000"),
            p => p.Alerts.Any(a => a.CaseId == caseId && a.MissingSince is null));
        after.Alerts.Single(a => a.CaseId == caseId).Status.ShouldNotBe(CaseStatus.Closed);
    }

    private sealed record Board(AlertSummary[] Alerts);
}
