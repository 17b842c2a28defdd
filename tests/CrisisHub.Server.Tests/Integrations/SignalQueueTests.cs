using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Integrations.Signals;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>
/// The psychology centre's matching queue, on a server of its own (its clock moves by half-hours): a queued signal is read
/// (and the read recorded), matched by student number into a flag on the student's case, or dismissed with a reason; the
/// wallboards count those waiting more than 30 minutes; nobody else sees the queue.
/// </summary>
public sealed class SignalQueueTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly Actor Client = new("integration:test-monitoring", "Test monitoring service", null);

    /// <summary>A signal as the intake queues one that named no student (the intake itself is covered with API keys in SignalIntakeTests).</summary>
    private async Task<IncomingSignal> QueueAsync(string key, SignalKind kind = SignalKind.OnlineSelfHarmPost, string? number = null)
    {
        var grains = server.Factory.Services.GetRequiredService<IGrainFactory>();
        var now = server.Clock.GetUtcNow();
        var intakeKey = $"test-monitoring/{key}";
        var signal = new IncomingSignal("", Client, IntegrationClientKind.OnlineMonitoring, kind, TestSeed.School, number,
            new SignalHints("王某", "初一", null, "微博账号 w123"), [ObservedSign.SelfHarm], "发帖称想结束一切", now.AddMinutes(-10), now, null);
        var begun = await grains.GetGrain<ISignalIntakeGrain>(intakeKey).BeginAsync(signal, key);
        var receipt = await grains.GetGrain<ISchoolSignalsGrain>(TestSeed.School).EnqueueAsync(begun.Signal!, intakeKey, "NoStudentNumber");
        await grains.GetGrain<ISignalIntakeGrain>(intakeKey).CompleteAsync(receipt, null, null);
        return begun.Signal!;
    }

    private async Task<JsonElement> QueueViewAsync(ApiClient psych) => await psych.GetAsync<JsonElement>($"api/schools/{TestSeed.School}/signals");

    [Fact]
    public async Task APersonMatchesAQueuedSignalByNumberAndItBecomesAFlagOnTheStudentsCase()
    {
        var signal = await QueueAsync("match-1");
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var waiting = (await QueueViewAsync(psych)).GetProperty("waiting").EnumerateArray().Single(s => s.GetProperty("signal").GetProperty("signalId").GetString() == signal.SignalId);
        waiting.GetProperty("signal").GetProperty("hints").GetProperty("other").GetString().ShouldBe("微博账号 w123");
        waiting.GetProperty("whyUnmatched").GetString().ShouldBe("NoStudentNumber");

        var matched = await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signal.SignalId}/match", new { studentNumber = $"{TestSeed.Class}-3" });
        matched.StatusCode.ShouldBe(HttpStatusCode.OK, await matched.Content.ReadAsStringAsync());
        var resolution = (await matched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolution");
        resolution.GetProperty("status").GetString().ShouldBe("MatchedByPerson");
        var caseId = resolution.GetProperty("caseId").GetString()!;

        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var view = await teacher.GetAsync<JsonElement>($"api/cases/{caseId}");
        view.GetProperty("studentId").GetString().ShouldBe(TestSeed.Student(TestSeed.Class, 3));
        var flag = view.GetProperty("flags").EnumerateArray().Single();
        flag.GetProperty("source").GetString().ShouldBe("OnlineMonitoring");
        view.GetProperty("grade").GetString().ShouldBe("Severe", "SelfHarm suggests Severe, by the same triage as a person's flag");

        // The client asking after its signal hears the outcome; the queue no longer holds it; a second match is refused.
        var receipt = await server.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISignalIntakeGrain>("test-monitoring/match-1").GetReceiptAsync();
        receipt!.Status.ShouldBe(SignalStatus.MatchedByPerson);
        // Done with, the signal keeps no content: the case holds the flag under its own retention.
        var kept = await server.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISignalIntakeGrain>("test-monitoring/match-1").GetDeliveryAsync();
        kept.CaseId.ShouldBe(caseId);
        (kept.Signal!.Hints, kept.Signal.Note).ShouldBe((null, null));
        var resolvedEntry = (await QueueViewAsync(psych)).GetProperty("recentlyResolved").EnumerateArray()
            .Single(q => q.GetProperty("signal").GetProperty("signalId").GetString() == signal.SignalId);
        resolvedEntry.GetProperty("signal").GetRawText().ShouldNotContain("微博");
        (await QueueViewAsync(psych)).GetProperty("waiting").EnumerateArray().ShouldNotContain(s => s.GetProperty("signal").GetProperty("signalId").GetString() == signal.SignalId);
        // The same match again (a retry) changes nothing; a match to another student is refused.
        (await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signal.SignalId}/match", new { studentNumber = $"{TestSeed.Class}-3" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await teacher.GetAsync<JsonElement>($"api/cases/{caseId}")).GetProperty("flags").GetArrayLength().ShouldBe(1);
        (await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signal.SignalId}/match", new { studentNumber = $"{TestSeed.Class}-5" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ADismissalNeedsAReasonAndEveryEventIsChainedWithoutTheSignalsContent()
    {
        var signal = await QueueAsync("dismiss-1");
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        var tooShort = await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signal.SignalId}/dismiss", new { reason = "no" });
        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooShort.Content.ReadAsStringAsync()).ShouldContain("reason");
        var unknownNumber = await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signal.SignalId}/match", new { studentNumber = "no-such-number" });
        unknownNumber.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await psych.PostAsync($"api/schools/{TestSeed.School}/signals/{signal.SignalId}/dismiss",
            new { reason = "The account belongs to a student of another city." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var chain = await server.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(AuditAnchors.SignalsPrefix + TestSeed.School);
        var mine = chain.Where(r => r.After?.Contains(signal.SignalId) == true).Select(r => r.Action).ToArray();
        mine.ShouldBe(["SignalReceived", "SignalDismissed"]);
        chain.ShouldContain(r => r.Action == "SignalsRead" && r.ActorId == TestSeed.Psychologist, "reading the queue is recorded");
        string.Join("\n", chain.Select(r => $"{r.Before} {r.After}")).ShouldNotContain("王某");
        string.Join("\n", chain.Select(r => $"{r.Before} {r.After}")).ShouldNotContain("结束");
        CrisisHub.Grains.Audit.AuditChain.Verify(chain).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task OnlyTheSchoolsPsychologyCentreSeesTheQueue()
    {
        await QueueAsync("scope-1");
        foreach (var refused in new[] { "ts1-g1-c1-teacher", "ts1-leader", "ts1-duty", "admin" })
            (await (await server.SignInAsync(refused)).Http.GetAsync($"api/schools/{TestSeed.School}/signals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, refused);
        var psych = await server.SignInAsync(TestSeed.Psychologist);
        (await psych.Http.GetAsync($"api/schools/{TestSeed.OtherSchool}/signals")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheWallboardsCountSignalsWaitingMoreThanThirtyMinutes()
    {
        var duty = await server.SignInAsync("ts1-duty");
        var before = (await duty.GetAsync<JsonElement>($"api/wallboards/{TestSeed.School}")).GetProperty("signalsUnmatched").GetInt32();
        await QueueAsync("wall-1");
        (await duty.GetAsync<JsonElement>($"api/wallboards/{TestSeed.School}")).GetProperty("signalsUnmatched").GetInt32().ShouldBe(before, "not yet overdue");

        server.Clock.Advance(TimeSpan.FromMinutes(31));
        (await duty.GetAsync<JsonElement>($"api/wallboards/{TestSeed.School}")).GetProperty("signalsUnmatched").GetInt32().ShouldBeGreaterThan(before);
        var officer = await server.SignInAsync("officer");
        (await officer.GetAsync<JsonElement>($"api/wallboards/{TestSeed.District}")).GetProperty("signalsUnmatched").GetInt32().ShouldBeGreaterThan(0);
    }
}
