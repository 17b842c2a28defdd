using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Plans;
using CrisisHub.Server.Plans;
using CrisisHub.Server.Tests.Privacy;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Server.Tests;

/// <summary>A student's plan over HTTP: who reaches it, in which shape, every read recorded, bad input as problem details.</summary>
public sealed class PlanTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Teacher = "ts1-g1-c1-teacher";

    private static object Body(DateOnly nextReviewOn, int expectedVersion, int level = 2, string owner = TestSeed.Psychologist, string? note = null) => new
    {
        plan = new
        {
            level, triggers = "exam weeks", warningSigns = "skips meals", agreedSupport = "no oral tests this month", nextReviewOn, ownerUserName = owner,
            responsibleAdults = new[] { new { name = "Ms Li", role = "head teacher", phone = "+12025550188" } },
            safetyPlan = new
            {
                warningSigns = "stays in bed", internalCoping = "music", peopleAndPlacesForDistraction = "library", peopleToAskForHelp = "her sister",
                professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "medicines locked away",
            },
        },
        expectedVersion,
        changeNote = note,
    };

    private DateOnly Today => Grains.Plans.PlanRules.Today(server.Clock.GetUtcNow());

    private static Task<HttpResponseMessage> PutAsync(ApiClient client, string studentId, object body) =>
        client.Http.PutAsync($"api/students/{studentId}/plan", JsonContent.Create(body, options: ApiClient.Json));

    [Fact]
    public async Task ThePsychologyCentreSavesVersionsAndReadsTheHistoryAndEveryReadIsRecorded()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 11);
        var psych = await server.SignInAsync(TestSeed.Psychologist);

        (await PutAsync(psych, studentId, Body(Today.AddDays(14), 0, note: "first"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await PutAsync(psych, studentId, Body(Today.AddDays(21), 1, level: 3, note: "calmer"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var page = await psych.GetAsync<JsonElement>($"api/students/{studentId}/plan");
        page.GetProperty("studentName").GetString().ShouldBe($"学生11");
        page.GetProperty("shape").GetString().ShouldBe("Clinical");
        page.GetProperty("mayEdit").GetBoolean().ShouldBeTrue();
        var plan = page.GetProperty("plan");
        plan.GetProperty("current").GetProperty("version").GetInt32().ShouldBe(2);
        plan.GetProperty("current").GetProperty("plan").GetProperty("triggers").GetString().ShouldBe("exam weeks");
        plan.GetProperty("reviewOverdue").GetBoolean().ShouldBeFalse();
        var versions = await psych.GetAsync<PlanVersion[]>($"api/students/{studentId}/plan/versions");
        versions.Select(v => (v.Version, v.ChangeNote)).ShouldBe([(1, "first"), (2, "calmer")]);

        var reads = await psych.GetAsync<PersonalDataReadLog>($"api/students/{studentId}/reads");
        reads.Reads.Skip(1).Take(2).Select(r => (r.ReaderId, r.Kind, r.Target)).ShouldBe(
        [
            (TestSeed.Psychologist, nameof(PersonalDataReadKind.PlanRead), $"plan:{studentId}/versions"),
            (TestSeed.Psychologist, nameof(PersonalDataReadKind.PlanRead), $"plan:{studentId}"),
        ]);
    }

    [Fact]
    public async Task AHeadTeacherReadsThePlanTheyCarryOutWithoutItsClinicalPartsAndWritesNothing()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 12);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await PutAsync(psych, studentId, Body(Today.AddDays(14), 0, note: "clinical reasoning"))).EnsureSuccessStatusCode();
        var teacher = await server.SignInAsync(Teacher);

        var fields = await JsonFields.OfAsync(await teacher.Http.GetAsync($"api/students/{studentId}/plan"));

        fields.ShouldBe(
        [
            // The district's lines for students (no personal data): shown beside the safety plan's "professionals and hotlines".
            "classId", "hotlines", "hotlines[].audience", "hotlines[].hours", "hotlines[].label", "hotlines[].number",
            "mayEdit", "plan", "plan.agreedSupport", "plan.level", "plan.nextReviewOn", "plan.ownerUserName", "plan.responsibleAdults",
            "plan.responsibleAdults[].name", "plan.responsibleAdults[].phone", "plan.responsibleAdults[].role", "plan.reviewOverdue",
            "plan.safetyPlan", "plan.safetyPlan.internalCoping", "plan.safetyPlan.makingTheEnvironmentSafe", "plan.safetyPlan.peopleAndPlacesForDistraction",
            "plan.safetyPlan.peopleToAskForHelp", "plan.safetyPlan.professionalsAndHotlines", "plan.safetyPlan.warningSigns", "plan.savedAt",
            "plan.studentId", "plan.version", "plan.warningSigns", "shape", "studentId", "studentName", "today",
        ]);
        (await PutAsync(teacher, studentId, Body(Today.AddDays(7), 1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await teacher.Http.GetAsync($"api/students/{studentId}/plan/versions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await server.SignInAsync("ts1-duty")).Http.GetAsync($"api/students/{studentId}/plan")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await server.SignInAsync("ts1-g2-c1-teacher")).Http.GetAsync($"api/students/{studentId}/plan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APsychologyCentreReachesNoPlanOfAnotherSchool()
    {
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var elsewhere = TestSeed.Student(TestSeed.OtherSchoolClass, 1);

        var read = await psych.Http.GetAsync($"api/students/{elsewhere}/plan");
        var write = await PutAsync(psych, elsewhere, Body(Today.AddDays(7), 0));
        var unknown = await psych.Http.GetAsync("api/students/no-such-student/plan");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (a, b) = (await unknown.Content.ReadFromJsonAsync<JsonElement>(), await read.Content.ReadFromJsonAsync<JsonElement>());
        (a.GetProperty("title").GetString(), a.GetProperty("detail").GetString()).ShouldBe((b.GetProperty("title").GetString(), b.GetProperty("detail").GetString()),
            "unknown and out of scope look alike");
    }

    [Fact]
    public async Task ABadPlanAndAStaleVersionAnswerProblemDetails()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 13);
        var psych = await server.SignInAsync(TestSeed.Psychologist);

        var invalid = await PutAsync(psych, studentId, Body(Today.AddDays(-1), 0, level: 9, owner: "ts2-leader"));

        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["level", "nextReviewOn", "ownerUserName"], ignoreOrder: true);
        errors.GetProperty("level")[0].GetString()!.ShouldContain("1 (in crisis or referred), 2, 3, 4 (watch)");

        (await PutAsync(psych, studentId, Body(Today.AddDays(7), 0))).EnsureSuccessStatusCode();
        var stale = await PutAsync(psych, studentId, Body(Today.AddDays(9), 0));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AReferralsSafetyPlanBecomesTheStudentsPlansAndTheFormStartsFromIt()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 15);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await PutAsync(psych, studentId, Body(Today.AddDays(14), 0, level: 3))).EnsureSuccessStatusCode();
        var teacher = await server.SignInAsync(Teacher);
        var flag = await teacher.FlagAsync(studentId, "plan-referral", ObservedSign.SaidTheyIntendToAct);
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" })).EnsureSuccessStatusCode();
        var referral = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "plan with means", meansAccess = "none", protectiveFactors = "sister",
            safetyPlan = new
            {
                warningSigns = "stays in bed", internalCoping = "music", peopleAndPlacesForDistraction = "library", peopleToAskForHelp = "her sister",
                professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "belts and medicines removed",
            },
            schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        });
        referral.StatusCode.ShouldBe(HttpStatusCode.Created, await referral.Content.ReadAsStringAsync());
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;

        var versions = await psych.GetAsync<PlanVersion[]>($"api/students/{studentId}/plan/versions");
        versions.Length.ShouldBe(2);
        versions[1].ChangeNote.ShouldBe($"from referral {referralId}");
        versions[1].SavedBy.ShouldBe(Teacher);
        versions[1].Plan.Level.ShouldBe(1);
        versions[1].Plan.SafetyPlan.MakingTheEnvironmentSafe.ShouldBe("belts and medicines removed");
        versions[1].Plan.AgreedSupport.ShouldBe("no oral tests this month");
    }

    [Fact]
    public async Task AnOverdueReviewReachesTheOwnersLivePageAndInboxWithoutContent()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 17);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var reviewOn = Today;
        (await PutAsync(psych, studentId, Body(reviewOn, 0))).EnsureSuccessStatusCode();
        await using var inbox = await psych.ConnectHubAsync();
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        inbox.Connection.On<JsonElement>("planReview", n => pushed.TrySetResult(n));
        (await psych.GetAsync<PlanReviewDue[]>("api/plans/reviews-due")).ShouldNotContain(d => d.StudentId == studentId);

        server.Clock.Advance(TimeSpan.FromDays(1));

        var notification = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        notification.EnumerateObject().Select(p => p.Name).ShouldBe(["ownerUserName", "studentId", "grade", "occurredAt", "eventId"], ignoreOrder: true);
        notification.GetProperty("studentId").GetString().ShouldBe(studentId);
        notification.GetProperty("grade").GetString().ShouldBe(nameof(CrisisGrade.General));
        notification.GetRawText().ShouldNotContain("学生17");
        (await psych.GetAsync<PlanReviewDue[]>("api/plans/reviews-due")).ShouldContain(d => d.StudentId == studentId && d.NextReviewOn == reviewOn);
        (await psych.GetAsync<JsonElement>($"api/students/{studentId}/plan")).GetProperty("plan").GetProperty("reviewOverdue").GetBoolean().ShouldBeTrue();
    }
}
