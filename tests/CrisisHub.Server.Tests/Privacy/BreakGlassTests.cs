using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Sms;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>
/// Emergency access from opening to review, on a server of its own (its clock moves by hours): who may open which
/// case, for how long, what is recorded and told, and how the review list and the district wallboard follow up.
/// </summary>
public sealed class BreakGlassTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Teacher = "ts1-g1-c1-teacher";
    private const string OtherGradeTeacher = "ts1-g2-c1-teacher";
    private const string PsychologistPhone = "+13125550188";
    private const string Reason = "Owner unreachable, student missing from dorm at 2 a.m.";

    private async Task<string> CaseAsync(int student, ObservedSign sign)
    {
        var teacher = await server.SignInAsync(Teacher);
        var flag = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, student), $"bg-{student}", sign);
        flag.EnsureSuccessStatusCode();
        return (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    private async Task PsychologistOnDutyAsync() =>
        await SchoolResponders.PsychologyCentreOnDutyAsync(await server.SignInAsync("admin"), PsychologistPhone);

    [Fact]
    public async Task AnotherGradesTeacherOpensAMajorCaseForAnHourAndEveryoneWhoMustKnowKnows()
    {
        await PsychologistOnDutyAsync();
        var caseId = await CaseAsync(1, ObservedSign.SaidTheyIntendToAct);
        var outsider = await server.SignInAsync(OtherGradeTeacher);
        (await outsider.Http.GetAsync($"api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not theirs");

        var duty = await server.SignInAsync("ts1-duty");
        var heard = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var wall = await duty.ConnectHubAsync(TestSeed.School);
        wall.Connection.On<JsonElement>("breakGlass", notice => heard.TrySetResult(notice));
        // The district administrator's privacy page hears it too (an administrator has no wallboard).
        var admin = await server.SignInAsync("admin");
        var adminHeard = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var privacyPage = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Factory.BaseAddress, "hubs/alerts?privacy=1"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(admin.Token))
            .Build();
        privacyPage.On<JsonElement>("breakGlass", notice => adminHeard.TrySetResult(notice));
        await privacyPage.StartAsync();
        await using var notOverseer = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Factory.BaseAddress, "hubs/alerts?privacy=1"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(outsider.Token))
            .Build();
        // Someone else asking for a privacy page's connection is turned away (the server closes it as it opens).
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        notOverseer.Closed += _ => { refused.TrySetResult(); return Task.CompletedTask; };
        try
        {
            await notOverseer.StartAsync();
        }
        catch (Exception)
        {
            refused.TrySetResult();
        }

        await refused.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var opened = await outsider.PostAsync($"api/cases/{caseId}/break-glass", new { reason = Reason });
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        var use = (await opened.Content.ReadFromJsonAsync<BreakGlassUse>(ApiClient.Json))!;
        use.ExpiresAt.ShouldBe(use.OpenedAt + TimeSpan.FromMinutes(60));

        // Opened: the case reads (in the responder's shape) and acts; the live board heard ids, no reason, no name.
        var read = await outsider.Http.GetAsync($"api/cases/{caseId}");
        read.Headers.GetValues("X-CrisisHub-Access").ShouldBe(["emergency"], "the page offers only what the access allows");
        (await (await server.SignInAsync(Teacher)).Http.GetAsync($"api/cases/{caseId}")).Headers.Contains("X-CrisisHub-Access").ShouldBeFalse();
        var view = await outsider.GetAsync<JsonElement>($"api/cases/{caseId}");
        view.GetProperty("studentName").GetString().ShouldBe(TestSeed.StudentName);
        (await outsider.PostAsync($"api/cases/{caseId}/ack")).StatusCode.ShouldBe(HttpStatusCode.OK, "responding to the alert is what it is for");
        (await outsider.PostAsync($"api/cases/{caseId}/actions", new { kind = "AccompaniedStudent", note = "found her, stayed with her" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        // Grade, closing, consent and referrals stay with the case's responders.
        (await outsider.PostAsync($"api/cases/{caseId}/grade", new { grade = "Severe", reason = "calmer now" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostAsync($"api/cases/{caseId}/close", new { disposition = "done" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var notice = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await adminHeard.Task.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("caseId").GetString().ShouldBe(caseId);
        notice.GetProperty("caseId").GetString().ShouldBe(caseId);
        notice.GetRawText().ShouldNotContain("2 a.m.");
        notice.GetRawText().ShouldNotContain(OtherGradeTeacher, customMessage: "a role, not a login id, on the wall");

        // Recorded in the case's trail, the student's read log and the district's chain.
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var trail = await psych.GetAsync<AuditTrail>($"api/cases/{caseId}/audit");
        trail.Records.ShouldContain(r => r.Action == nameof(AuditAction.BreakGlassOpened) && r.ActorId == OtherGradeTeacher);
        trail.Verification.Intact.ShouldBeTrue();
        var reads = await psych.GetAsync<PersonalDataReadLog>($"api/students/{TestSeed.Student(TestSeed.Class, 1)}/reads");
        reads.Reads.ShouldContain(r => r.Kind == nameof(PersonalDataReadKind.BreakGlassOpened) && r.ReaderId == OtherGradeTeacher);
        admin = await server.SignInAsync("admin");
        var chain = await admin.GetAsync<JsonElement>("api/admin/audit?take=20");
        chain.GetProperty("records").EnumerateArray().ShouldContain(r => r.GetProperty("action").GetString() == nameof(AdminAuditAction.BreakGlassOpened));

        // The school's psychology centre is texted at once: case code and grade, no name, no reason.
        var text = (await Eventually.Async(() => admin.GetAsync<LocalText[]>("api/sms/outbox"),
            texts => texts.Any(t => t.MessageId.StartsWith(use.UseId, StringComparison.Ordinal)))).First(t => t.MessageId.StartsWith(use.UseId, StringComparison.Ordinal));
        text.To.ShouldBe(PsychologistPhone);
        text.Body.ShouldContain(caseId);
        text.Body.ShouldNotContain(TestSeed.StudentName);
        text.Body.ShouldNotContain("dorm");

        // An hour later the access has run out.
        server.Clock.Advance(TimeSpan.FromMinutes(61));
        (await outsider.Http.GetAsync($"api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the hour is over");
    }

    [Fact]
    public async Task OnlySameSchoolStaffOpenOnlySevereOrMajorCasesWithAReason()
    {
        var major = await CaseAsync(2, ObservedSign.SaidTheyIntendToAct);
        var general = await CaseAsync(3, ObservedSign.Distress);
        async Task<HttpStatusCode> OpenAsync(string who, string caseId, string reason = Reason) =>
            (await (await server.SignInAsync(who)).PostAsync($"api/cases/{caseId}/break-glass", new { reason })).StatusCode;

        (await OpenAsync("ts2-leader", major)).ShouldBe(HttpStatusCode.NotFound, "another school's staff learn nothing");
        (await OpenAsync("admin", major)).ShouldBe(HttpStatusCode.Forbidden, "no administrator rights by break-glass");
        (await OpenAsync(TestSeed.HospitalDesk, major)).ShouldBe(HttpStatusCode.Forbidden, "no hospital desk views by break-glass");
        (await OpenAsync("ts1-g1-c1-monitor", major)).ShouldBe(HttpStatusCode.Forbidden);
        (await OpenAsync(Teacher, major)).ShouldBe(HttpStatusCode.Conflict, "already theirs");
        (await OpenAsync(OtherGradeTeacher, general)).ShouldBe(HttpStatusCode.Conflict, "a General case does not justify it");
        var tooShort = await (await server.SignInAsync(OtherGradeTeacher)).PostAsync($"api/cases/{major}/break-glass", new { reason = "urgent" });
        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooShort.Content.ReadAsStringAsync()).ShouldContain("reason");
        (await OpenAsync(OtherGradeTeacher, "no-such-case")).ShouldBe(HttpStatusCode.NotFound);
        (await (await server.SignInAsync(OtherGradeTeacher)).Http.GetAsync($"api/cases/{major}")).StatusCode.ShouldBe(HttpStatusCode.NotFound,
            "refused attempts grant nothing");
    }

    [Fact]
    public async Task EveryUseIsReviewedAndAnUnreviewedOneShowsOnTheDistrictWallboardAfter72Hours()
    {
        var caseId = await CaseAsync(4, ObservedSign.SelfHarm);
        var outsider = await server.SignInAsync("ts1-g2-director");
        var opened = await outsider.PostAsync($"api/cases/{caseId}/break-glass", new { reason = Reason });
        opened.EnsureSuccessStatusCode();
        var use = (await opened.Content.ReadFromJsonAsync<BreakGlassUse>(ApiClient.Json))!;

        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var list = await psych.GetAsync<BreakGlassList>("api/break-glass");
        list.AwaitingReview.ShouldContain(u => u.UseId == use.UseId && u.Reason == Reason);
        (await outsider.Http.GetAsync("api/break-glass")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var elsewhere = await (await server.SignInAsync("other-admin")).GetAsync<BreakGlassList>("api/break-glass");
        elsewhere.AwaitingReview.ShouldBeEmpty("another district's administrator sees none of this district's uses");
        var schoolAdmin = await (await server.SignInAsync(TestSeed.SchoolAdmin)).GetAsync<BreakGlassList>("api/break-glass");
        schoolAdmin.AwaitingReview.ShouldBeEmpty("a school's administrator is not a privacy overseer of the district");

        async Task<int> OverdueOnWallAsync() =>
            (await (await server.SignInAsync("officer")).GetAsync<JsonElement>($"api/wallboards/{TestSeed.District}"))
                .GetProperty("emergencyAccessesUnreviewed").GetInt32();
        (await OverdueOnWallAsync()).ShouldBe(0, "not yet due");
        server.Clock.Advance(TimeSpan.FromHours(72));
        (await OverdueOnWallAsync()).ShouldBeGreaterThanOrEqualTo(1);

        // Reviewed by someone else than the user, once, with a comment.
        psych = await server.SignInAsync(TestSeed.Psychologist);
        (await psych.PostAsync($"api/districts/{TestSeed.District}/break-glass/{use.UseId}/review", new { outcome = "Justified", comment = "" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await psych.PostAsync($"api/districts/{TestSeed.District}/break-glass/{use.UseId}/review", new { outcome = "Maybe", comment = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var reviewed = await psych.PostAsync($"api/districts/{TestSeed.District}/break-glass/{use.UseId}/review",
            new { outcome = "Justified", comment = "Owner was on a flight; access was needed." });
        reviewed.StatusCode.ShouldBe(HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync());
        var admin = await server.SignInAsync("admin");
        (await admin.PostAsync($"api/districts/{TestSeed.District}/break-glass/{use.UseId}/review", new { outcome = "NotJustified", comment = "again" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict, "reviewed once");
        list = await admin.GetAsync<BreakGlassList>("api/break-glass");
        list.AwaitingReview.ShouldNotContain(u => u.UseId == use.UseId);
        var done = list.RecentlyReviewed.Single(u => u.UseId == use.UseId);
        done.Review!.ShouldSatisfyAllConditions(r => r.ReviewerId.ShouldBe(TestSeed.Psychologist), r => r.Outcome.ShouldBe(BreakGlassOutcome.Justified));
        (await OverdueOnWallAsync()).ShouldBe(list.AwaitingReview.Count(u => u.OpenedAt <= server.Clock.GetUtcNow() - TimeSpan.FromHours(72)));
        var chain = await admin.GetAsync<JsonElement>("api/admin/audit?take=5");
        chain.GetProperty("records")[0].GetProperty("action").GetString().ShouldBe(nameof(AdminAuditAction.BreakGlassReviewed));
    }

    [Fact]
    public async Task AUseFoundNotJustifiedEndsAtOnce()
    {
        var caseId = await CaseAsync(6, ObservedSign.SaidTheyIntendToAct);
        var outsider = await server.SignInAsync(OtherGradeTeacher);
        var use = (await (await outsider.PostAsync($"api/cases/{caseId}/break-glass", new { reason = Reason })).Content.ReadFromJsonAsync<BreakGlassUse>(ApiClient.Json))!;
        (await outsider.Http.GetAsync($"api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await server.SignInAsync("admin");
        (await admin.PostAsync($"api/districts/{TestSeed.District}/break-glass/{use.UseId}/review", new { outcome = "NotJustified", comment = "The owner was reachable." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await outsider.Http.GetAsync($"api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "ended by the review, before its hour");
    }

    [Fact]
    public async Task NobodyReviewsTheirOwnUse()
    {
        var caseId = await CaseAsync(5, ObservedSign.SaidTheyIntendToAct);
        var teacher = await server.SignInAsync(Teacher);
        // The psychology centre of the school reads every case of it already; a grade's teacher opens, a psychologist who used it cannot review it.
        var opened = await (await server.SignInAsync(OtherGradeTeacher)).PostAsync($"api/cases/{caseId}/break-glass", new { reason = Reason });
        var use = (await opened.Content.ReadFromJsonAsync<BreakGlassUse>(ApiClient.Json))!;
        (await teacher.PostAsync($"api/districts/{TestSeed.District}/break-glass/{use.UseId}/review", new { outcome = "Justified", comment = "fine" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden, "not a privacy overseer");
        BreakGlassRules.CheckReview("ts1-psych", use, "fine"); // another person: allowed
        Should.Throw<CrisisHub.Contracts.DomainRuleException>(() => BreakGlassRules.CheckReview(OtherGradeTeacher.ToUpperInvariant(), use, "fine"));
    }
}
