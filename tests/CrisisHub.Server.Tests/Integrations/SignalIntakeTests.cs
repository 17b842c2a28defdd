using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>
/// Signals posted with API keys, end to end, on a server of its own: one naming a student by number becomes a flag on
/// their case by the person's triage (once, however often retried); any other waits in the queue (and the psychology
/// centre hears of it live); a missing student goes through the 失联 process and its client reports them found; a
/// screening platform posts its export; a client reaches only its schools and what it was granted.
/// </summary>
public sealed class SignalIntakeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private DateTimeOffset Now => server.Clock.GetUtcNow();

    private async Task<IssuedIntegrationClient> ClientAsync(IntegrationPermission[]? permissions = null, IntegrationClientKind kind = IntegrationClientKind.OnlineMonitoring) =>
        await IntegrationClients.RegisterAsync(await server.SignInAsync("admin"), permissions: permissions, kind: kind, name: $"Signals {kind}");

    private async Task<HttpResponseMessage> PostAsync(IssuedIntegrationClient client, object body, string key, string path = "api/integrations/signals")
    {
        using var request = await client.RequestAsync(HttpMethod.Post, path, body, key);
        return await server.Factory.CreateClient().SendAsync(request);
    }

    private async Task<JsonElement> GetAsync(IssuedIntegrationClient client, string path)
    {
        using var request = await client.RequestAsync(HttpMethod.Get, path);
        var response = await server.Factory.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The student's latest case, as the school's psychology centre reads it.</summary>
    private async Task<CaseView> CaseOfStudentAsync(int student)
    {
        var caseIds = await server.Factory.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IStudentGrain>(TestSeed.Student(TestSeed.Class, student)).CaseIdsAsync();
        return await (await server.SignInAsync(TestSeed.Psychologist)).GetAsync<CaseView>($"api/cases/{caseIds.ShouldHaveSingleItem()}");
    }

    [Fact]
    public async Task ASignalNamingAStudentByNumberBecomesOneFlagOnTheirCaseByThePersonsTriageHoweverOftenItIsRetried()
    {
        var client = await ClientAsync();
        var body = new
        {
            kind = "OnlineSelfHarmPost", schoolId = TestSeed.School, studentNumber = $"{TestSeed.Class}-11",
            signs = new[] { "SaidTheyIntendToAct" }, note = "post: tonight is the night", occurredAt = Now.AddMinutes(-20),
        };
        var first = await PostAsync(client, body, "number-1");
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var receipt = await JsonOf(first);
        receipt.GetProperty("status").GetString().ShouldBe("Matched");
        receipt.EnumerateObject().Select(p => p.Name).ShouldBe(["signalId", "status", "receivedAt"], "the client learns no case and no student");

        var again = await PostAsync(client, body, "number-1");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await JsonOf(again)).GetProperty("signalId").GetString().ShouldBe(receipt.GetProperty("signalId").GetString());
        (await PostAsync(client, body with { note = "another body" }, "number-1")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var view = await CaseOfStudentAsync(11);
        var flag = view.Flags.ShouldHaveSingleItem("a retry adds no flag");
        flag.Source.ShouldBe(FlagSource.OnlineMonitoring);
        flag.ReporterId.ShouldBe($"integration:{client.ClientId}");
        view.Grade.ShouldBe(CrisisGrade.Major, "SaidTheyIntendToAct is Major, as on a person's flag");
    }

    [Fact]
    public async Task ASignalThatNamesNoStudentWaitsInTheQueueAndThePsychologyCentreHearsOfItLive()
    {
        await SchoolResponders.PsychologyCentreOnDutyAsync(await server.SignInAsync("admin"), "+13125550188");
        var client = await ClientAsync();
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        await using var inbox = await psych.ConnectHubAsync();
        var heard = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        inbox.Connection.On<JsonElement>("signalQueue", notice => heard.TrySetResult(notice));

        var unknown = await PostAsync(client, new
        {
            kind = "PoliceNotice", schoolId = TestSeed.School, studentNumber = "not-a-number-here", signs = new[] { "Distress" }, occurredAt = Now,
        }, "unknown-1");
        (await JsonOf(unknown)).GetProperty("status").GetString().ShouldBe("AwaitingMatch");
        var notice = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        notice.GetProperty("schoolId").GetString().ShouldBe(TestSeed.School);
        notice.EnumerateObject().Select(p => p.Name).ShouldBe(["schoolId", "waiting"], "a count, no content");

        var hinted = await PostAsync(client, new
        {
            kind = "HotlineReferral", schoolId = TestSeed.School, hints = new { name = "小王", className = "初一(1)班" }, signs = new[] { "WishToBeDead" }, occurredAt = Now,
        }, "hints-1");
        var signalId = (await JsonOf(hinted)).GetProperty("signalId").GetString()!;
        var queue = await psych.GetAsync<JsonElement>($"api/schools/{TestSeed.School}/signals");
        var waiting = queue.GetProperty("waiting").EnumerateArray().Single(q => q.GetProperty("signal").GetProperty("signalId").GetString() == signalId);
        waiting.GetProperty("whyUnmatched").GetString().ShouldBe("NoStudentNumber");

        (await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signalId}/match", new { studentNumber = $"{TestSeed.Class}-12" })).EnsureSuccessStatusCode();
        (await GetAsync(client, "api/integrations/signals/hints-1")).GetProperty("status").GetString().ShouldBe("MatchedByPerson");
        var view = await CaseOfStudentAsync(12);
        view.Flags.ShouldHaveSingleItem().Source.ShouldBe(FlagSource.Hotline);
    }

    [Fact]
    public async Task AMissingStudentsSignalTextsThePoliceAndItsClientReportsThemFoundWhileTheCaseStaysOpen()
    {
        var police = await ClientAsync(kind: IntegrationClientKind.Police);
        var reported = await PostAsync(police, new
        {
            kind = "MissingStudent", schoolId = TestSeed.School, studentNumber = $"{TestSeed.Class}-13", signs = new[] { "TalkedAboutSuicide" },
            note = "not back to the dormitory", occurredAt = Now, lastSeen = new { at = Now.AddHours(-3), place = "east gate", seenBy = "supervisor" },
        }, "missing-1");
        reported.StatusCode.ShouldBe(HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());

        var view = await CaseOfStudentAsync(13);
        view.Grade.ShouldBe(CrisisGrade.Major, "missing with a warning sign");
        view.StudentMissing.ShouldBeTrue();
        view.Flags.ShouldHaveSingleItem().Source.ShouldBe(FlagSource.MissingStudentReport);
        var admin = await server.SignInAsync("admin");
        await Eventually.Async(() => admin.GetAsync<LocalText[]>("api/sms/outbox"),
            texts => texts.Any(t => t.To == TestSeed.PolicePhone && t.Body.Contains(view.CaseId)));

        var found = await PostAsync(police, new
        {
            foundAt = Now, foundPlace = "riverside park", foundBy = "patrol", condition = "Distressed", hospitalNeeded = false,
        }, "found-1", "api/integrations/signals/missing-1/found");
        found.StatusCode.ShouldBe(HttpStatusCode.OK, await found.Content.ReadAsStringAsync());
        var after = await CaseOfStudentAsync(13);
        after.StudentMissing.ShouldBeFalse();
        after.Status.ShouldNotBe(CaseStatus.Closed, "the school follows up");
        after.MissingEpisodes!.Single().FoundRecordedBy.ShouldBe($"integration:{police.ClientId}");
        after.OwnerId.ShouldBeNull("an outside system owns no case: a school adult still has to act on it");

        // Missing again weeks later, reported by a teacher: the police's old signal cannot report this episode found.
        server.Clock.Advance(TimeSpan.FromDays(14));
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var again = await teacher.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/students/{TestSeed.Student(TestSeed.Class, 13)}/missing")
        {
            Content = JsonContent.Create(new { lastSeenAt = Now.AddHours(-1), lastSeenPlace = "canteen", lastSeenBy = "teacher", warningSigns = Array.Empty<string>() }),
            Headers = { { "Idempotency-Key", "missing-again-13" } },
        });
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        (await PostAsync(police, new { foundAt = Now, foundPlace = "x", foundBy = "y", condition = "Unharmed", hospitalNeeded = false },
            "found-old", "api/integrations/signals/missing-1/found")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CaseOfStudentAsync(13)).StudentMissing.ShouldBeTrue();

        // Found is for a missing signal of this client only; another client's key names nothing.
        var other = await ClientAsync(kind: IntegrationClientKind.Police);
        (await PostAsync(other, new { foundAt = Now, foundPlace = "x", foundBy = "y", condition = "Unharmed", hospitalNeeded = false },
            "found-2", "api/integrations/signals/missing-1/found")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AClientReachesOnlyItsSchoolsAndWhatItWasGranted()
    {
        var screeningOnly = await ClientAsync([IntegrationPermission.PostScreeningResults], IntegrationClientKind.ScreeningPlatform);
        var body = new { kind = "OnlineSelfHarmPost", schoolId = TestSeed.School, studentNumber = $"{TestSeed.Class}-14", signs = new[] { "SelfHarm" }, occurredAt = Now };
        (await PostAsync(screeningOnly, body, "perm-1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var signalsOnly = await ClientAsync([IntegrationPermission.PostSignals]);
        (await PostAsync(signalsOnly, body with { schoolId = TestSeed.OtherSchool }, "scope-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(signalsOnly, new
        {
            kind = "MissingStudent", schoolId = TestSeed.School, studentNumber = $"{TestSeed.Class}-14", signs = Array.Empty<string>(), occurredAt = Now,
            lastSeen = new { at = Now, place = "gate", seenBy = "x" },
        }, "perm-2")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a missing student needs PostMissingStudentReports");

        using (var unkeyed = await signalsOnly.RequestAsync(HttpMethod.Post, "api/integrations/signals", body))
            (await server.Factory.CreateClient().SendAsync(unkeyed)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no Idempotency-Key, no signal");

        var invalid = await PostAsync(signalsOnly, new { schoolId = TestSeed.School, studentNumber = "1", signs = new[] { "SelfHarm" } }, "bad-1");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await JsonOf(invalid);
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("OnlineSelfHarmPost, PoliceNotice");
        problem.GetProperty("errors").TryGetProperty("occurredAt", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task AScreeningPlatformPostsItsExportIntoTheSchoolsImportAndLearnsWhichRowsWereSkipped()
    {
        var platform = await ClientAsync([IntegrationPermission.PostScreeningResults], IntegrationClientKind.ScreeningPlatform);
        var csv = $"学号,量表,日期,题1,题2,题3,题4,题5,题6,题7\n{TestSeed.Class}-15,GAD-7,2026-11-20,0,1,0,1,0,1,0\nnobody,GAD-7,2026-11-20,0,0,0,0,0,0,0\n";
        using var request = await platform.RequestAsync(HttpMethod.Post, $"api/integrations/schools/{TestSeed.School}/screening/imports", idempotencyKey: "export-1");
        request.Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        var response = await server.Factory.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var answer = await JsonOf(response);
        answer.GetProperty("rows").GetInt32().ShouldBe(2);
        var skipped = answer.GetProperty("skipped").EnumerateArray().ShouldHaveSingleItem();
        skipped.GetProperty("row").GetInt32().ShouldBe(3);
        skipped.EnumerateObject().Select(p => p.Name).ShouldBe(["row", "errors"], "a skipped row comes back by number with what is wrong: no items, no scores");

        var importId = answer.GetProperty("importId").GetString()!;
        var done = await Eventually.Async(() => GetAsync(platform, $"api/integrations/schools/{TestSeed.School}/screening/imports/{importId}"),
            view => view.GetProperty("status").GetString() == "Completed");
        done.GetProperty("recorded").GetInt32().ShouldBe(1);
        done.GetProperty("startedBy").GetString().ShouldBe($"integration:{platform.ClientId}");
    }
}
