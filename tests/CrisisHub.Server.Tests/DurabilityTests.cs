using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Server.Tests;

/// <summary>A server rebuilt over the same data folder is a restart: nothing may be lost, and overdue deadlines fire.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly string _folder = CrisisHubFactory.NewDataFolder();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();

    private async Task<(string CaseId, CaseView View)> FlagSevereAsync(CrisisHubFactory factory)
    {
        var teacher = await ApiClient.SignInAsync(factory, "ts1-g1-c1-teacher");
        var response = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 1), "durable-1", ObservedSign.SelfHarm);
        response.EnsureSuccessStatusCode();
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        return (caseId, await teacher.GetAsync<CaseView>($"api/cases/{caseId}"));
    }

    [Fact]
    public async Task CasesAuditAndPendingDeadlinesSurviveARestartAndAnOverdueDeadlineFiresRightAfterStart()
    {
        string caseId;
        CaseView before;
        await using (var first = new CrisisHubFactory(_folder, _clock))
        {
            (caseId, before) = await FlagSevereAsync(first);
        }

        // The server is down while the 15-minute deadline of the first step passes.
        _clock.Advance(TimeSpan.FromMinutes(16));
        await using var second = new CrisisHubFactory(_folder, _clock);
        var teacher = await ApiClient.SignInAsync(second, "ts1-g1-c1-teacher");

        // The sweep runs beside start-up, so the first reads may precede it.
        var after = await Eventually.Async(() => teacher.GetAsync<CaseView>($"api/cases/{caseId}"), v => v.Escalation.StepIndex >= 1);
        after.Flags.Select(f => f.FlagId).ShouldBe(before.Flags.Select(f => f.FlagId));
        after.Escalation.NotifiedNodeIds.ShouldContain(TestSeed.Grade);
        after.Escalation.StepDeadline.ShouldBe(_clock.GetUtcNow() + TimeSpan.FromMinutes(15));
        var trail = await teacher.GetAsync<AuditTrail>($"api/cases/{caseId}/audit");
        trail.Verification.Intact.ShouldBeTrue();
        trail.Records.Select(r => r.Action).ShouldContain("AlertEscalated");
        // The receipt a retry would get is durable too: the same key still stores nothing new.
        (await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 1), "durable-1", ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AReferralDeadlineThatPassesWhileTheServerIsDownIsReportedRightAfterStart()
    {
        string caseId, referralId;
        await using (var first = new CrisisHubFactory(_folder, _clock))
        {
            var teacher = await ApiClient.SignInAsync(first, "ts1-g1-c1-teacher");
            var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 2), "durable-referral", ObservedSign.SaidTheyIntendToAct);
            caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
            (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" })).EnsureSuccessStatusCode();
            var created = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
            {
                hospitalId = TestSeed.Hospital, reason = "intent with a plan", meansAccess = "none", protectiveFactors = "sister",
                schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
                safetyPlan = new { warningSigns = "a", internalCoping = "b", peopleAndPlacesForDistraction = "c", peopleToAskForHelp = "d", professionalsAndHotlines = "e", makingTheEnvironmentSafe = "f" },
            });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            referralId = (await created.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("referralId").GetString()!;
        }

        // Down while the 30-minute accept deadline of a Major referral passes.
        _clock.Advance(TimeSpan.FromMinutes(31));
        await using var second = new CrisisHubFactory(_folder, _clock);
        var desk = await ApiClient.SignInAsync(second, TestSeed.HospitalDesk);

        var referral = await Eventually.Async(() => desk.GetAsync<Contracts.Referrals.ReferralView>($"api/referrals/{referralId}"), r => r.Overdue);
        referral.Events.ShouldContain(e => e.Kind == "DeadlineMissed" && e.Reason == "Accepted");
        var teacherAfter = await ApiClient.SignInAsync(second, "ts1-g1-c1-teacher");
        var trail = await Eventually.Async(() => teacherAfter.GetAsync<AuditTrail>($"api/cases/{caseId}/audit"),
            t => t.Records.Any(r => r.Action == "ReferralDeadlineMissed"));
        trail.Verification.Intact.ShouldBeTrue();
        (await teacherAfter.GetAsync<CaseView>($"api/cases/{caseId}")).Texts.ShouldContain(t => t.Firing == -1, "the school level is texted about it");
    }

    [Fact]
    public async Task AnAuditRecordAlteredInTheDatabaseIsReported()
    {
        string caseId;
        await using (var first = new CrisisHubFactory(_folder, _clock))
        {
            (caseId, _) = await FlagSevereAsync(first);
        }

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "crisishub.db")}"))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            // The records live in the audit log (the case's row keeps only the chain's head).
            tamper.CommandText = "UPDATE audit_log SET record = json_set(record, '$.actorId', 'mallory') WHERE stream = $s AND sequence = 1";
            tamper.Parameters.AddWithValue("$s", $"case:{caseId}");
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        SqliteConnection.ClearAllPools();
        await using var second = new CrisisHubFactory(_folder, _clock);
        var teacher = await ApiClient.SignInAsync(second, "ts1-g1-c1-teacher");
        var trail = await teacher.GetAsync<AuditTrail>($"api/cases/{caseId}/audit");

        trail.Verification.Intact.ShouldBeFalse();
        trail.Verification.FirstBrokenSequence.ShouldBe(1);
        trail.Verification.Problem!.ShouldContain("altered");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
