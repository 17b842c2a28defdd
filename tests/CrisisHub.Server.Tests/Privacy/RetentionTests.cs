using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>Retention with a fake clock: a district's policy, the daily job, what it removes, what it keeps, and chains that still verify.</summary>
public sealed class RetentionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private IRetentionJobGrain Job => server.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRetentionJobGrain>(IRetentionJobGrain.Key);

    private async Task<(string CaseId, string ReferralId)> ClosedCaseWithReferralAsync(int student)
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var flag = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, student), $"retention-{student}", ObservedSign.SaidTheyIntendToAct);
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/actions", new { kind = "ContactedGuardian", note = "mother says she cried all night" })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "王妈妈", relationship = "mother" })).EnsureSuccessStatusCode();
        var referral = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "plan with means", meansAccess = "kitchen knives at home", protectiveFactors = "sister",
            safetyPlan = new { warningSigns = "stops eating", internalCoping = "music", peopleAndPlacesForDistraction = "library", peopleToAskForHelp = "aunt",
                professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "knives locked" },
            schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        });
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;
        (await teacher.PostAsync($"api/referrals/{referralId}/status", new { status = "Cancelled", reason = "family took her to a private clinic" })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/close", new { disposition = "seen by a private psychiatrist" })).EnsureSuccessStatusCode();
        return (caseId, referralId);
    }

    [Fact]
    public async Task AfterItsYearsAClosedCaseKeepsItsCountsButNotItsNamesOrTextAndEveryChainStillVerifies()
    {
        var admin = await server.SignInAsync("admin");
        var invalid = await admin.Http.PutAsJsonAsync($"api/admin/districts/{TestSeed.District}/retention", new { textDays = 1, closedCaseYears = 1 });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("textDays");
        (await admin.Http.PutAsJsonAsync($"api/admin/districts/{TestSeed.District}/retention", new { textDays = 30, closedCaseYears = 1 })).EnsureSuccessStatusCode();

        var (closedCase, referralId) = await ClosedCaseWithReferralAsync(1); // student 1 bears TestSeed.StudentName and GuardianPhone
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var open = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 3), "retention-open", ObservedSign.Distress);
        var openCase = (await open.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var outbox = server.Factory.Services.GetRequiredService<ILocalOutbox>();
        (await outbox.LatestAsync(LocalOutbox.Listed)).ShouldContain(t => t.Body.Contains(closedCase));

        (await Job.RunAsync()).CasesAnonymised.ShouldBe(0, "closed today: kept");

        server.Clock.Advance(TimeSpan.FromDays(366));
        var run = await Job.RunAsync();
        run.CasesAnonymised.ShouldBe(1);
        run.TextsForgotten.ShouldBeGreaterThan(0);
        run.DeliveriesForgotten.ShouldBeGreaterThan(0);
        (await Job.RunAsync()).CasesAnonymised.ShouldBe(0, "a repeat changes nothing");

        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var view = await psych.GetAsync<CaseView>($"api/cases/{closedCase}");
        view.StudentName.ShouldBe("[anonymised]");
        view.Status.ShouldBe(CaseStatus.Closed);
        view.Grade.ShouldBe(CrisisGrade.Major);
        view.Flags.Length.ShouldBe(1, "counts stay");
        view.Flags[0].Signs.ShouldBe([ObservedSign.SaidTheyIntendToAct], "what was seen stays, for reports");
        view.Flags[0].Note.ShouldBeNull();
        view.Actions.ShouldAllBe(a => a.Note == null);
        view.Disposition.ShouldBe("[anonymised]");
        view.Consents.ShouldAllBe(c => c.GuardianName == "[anonymised]");
        view.Texts.ShouldAllBe(t => t.RecipientName == "[anonymised]");
        // Each text's own record (number, body) is forgotten too, past the district's 30 days.
        view.Texts.ShouldNotBeEmpty();
        var grains = server.Factory.Services.GetRequiredService<IGrainFactory>();
        foreach (var text in view.Texts)
        {
            var stored = (await grains.GetGrain<ISmsMessageGrain>(text.MessageId).GetAsync())!;
            stored.ShouldSatisfyAllConditions(m => m.Phone.ShouldBeEmpty(), m => m.Body.ShouldBeEmpty(), m => m.Status.ShouldBe(text.Status));
        }

        var json = await (await psych.Http.GetAsync($"api/cases/{closedCase}")).Content.ReadAsStringAsync()
            + await (await psych.Http.GetAsync($"api/referrals/{referralId}")).Content.ReadAsStringAsync();
        foreach (var gone in new[] { TestSeed.StudentName, "cried all night", "王妈妈", "private psychiatrist", "kitchen knives", "stops eating", "private clinic", "+12025550177", TestSeed.GuardianPhone })
            json.ShouldNotContain(gone);

        var trail = await psych.GetAsync<AuditTrail>($"api/cases/{closedCase}/audit");
        trail.Verification.Intact.ShouldBeTrue("records hold digests of their payloads: blanked, the chain still verifies");
        var anonymised = trail.Records.Single(r => r.Action == nameof(AuditAction.CaseAnonymised));
        anonymised.ActorId.ShouldBe("system");
        // Every record written up to the anonymisation is kept with its hash, its before/after blanked (reads after it are new).
        trail.Records.Where(r => r.Sequence <= anonymised.Sequence).ShouldAllBe(r => r.Redacted && r.Before == null && r.After == null);
        trail.Records.Select(r => r.Action).ShouldContain(nameof(AuditAction.CaseOpened));

        // The open case and the texts newer than 30 days are untouched.
        (await psych.GetAsync<CaseView>($"api/cases/{openCase}")).StudentName.ShouldBe("学生3");
        (await outbox.LatestAsync(LocalOutbox.Listed)).ShouldNotContain(t => t.Body.Contains(closedCase), "texts older than 30 days are forgotten");

        var log = await admin.GetAsync<JsonElement>("api/admin/audit?take=50");
        log.GetProperty("records").EnumerateArray().ShouldContain(r => r.GetProperty("action").GetString() == nameof(AdminAuditAction.RetentionSet));
        var retention = await admin.GetAsync<JsonElement>($"api/admin/districts/{TestSeed.District}/retention");
        retention.GetProperty("policy").GetProperty("closedCaseYears").GetInt32().ShouldBe(1);
        retention.GetProperty("lastRun").GetProperty("casesChecked").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task TheReminderRunsTheJobOnceANightByTheGrainClock()
    {
        var reminders = Job.AsReference<IRemindable>();
        Task TickAsync() => reminders.ReceiveReminder(CrisisHub.Grains.Privacy.RetentionJobGrain.ReminderName, default);
        var before = await Job.LastRunAsync();

        // The school day (the clock starts at 08:00 UTC, 16:00 in China): a tick does nothing.
        await TickAsync();
        (await Job.LastRunAsync()).ShouldBe(before);

        // 18:00 UTC = 02:00 China: tonight's run, once, however often the reminder ticks in the window.
        server.Clock.Advance(TimeSpan.FromHours(24) - server.Clock.GetUtcNow().UtcDateTime.TimeOfDay + TimeSpan.FromHours(18));
        await TickAsync();
        var tonight = (await Job.LastRunAsync())!;
        tonight.At.ShouldBe(server.Clock.GetUtcNow());
        server.Clock.Advance(TimeSpan.FromHours(2));
        await TickAsync();
        (await Job.LastRunAsync())!.At.ShouldBe(tonight.At, "tonight's run is done");

        // The next night, a little later in the window than last time: it runs again.
        server.Clock.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(30));
        await TickAsync();
        (await Job.LastRunAsync())!.At.ShouldBe(server.Clock.GetUtcNow());
    }
}
