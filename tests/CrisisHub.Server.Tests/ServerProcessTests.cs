using CrisisHub.Server.Hosting;
using System.Net.Http.Headers;
using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests;

/// <summary>The embedded server as an operator runs it, killed with SIGKILL and started again.</summary>
public sealed class ServerProcessTests : IAsyncLifetime
{
    private readonly string _folder = CrisisHubFactory.NewDataFolder();
    private readonly int _port = ServerProcess.FreePort();

    // A real process runs on the wall clock, so the deadline that passes while it is down is two seconds, not
    // minutes: the policy floor is configurable for exactly this, and lowered here only.
    private static readonly Dictionary<string, string> ShortSteps = new() { ["CrisisHub__PolicyLimits__MinAcknowledgeWithin"] = "00:00:01" };

    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        var response = await http.PostAsJsonAsync("api/auth/token", new { userName, password = TestSeed.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<string> FlagAsync(HttpClient http, string studentId, string key, string sign)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/flags") { Content = JsonContent.Create(new { studentId, signs = new[] { sign } }) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task AHardKilledServerRestartsWithEveryCaseAuditAndDeadlineAndFiresTheOneThatPassedWhileDown()
    {
        string waitingCase, overdueCase;
        CaseView waitingBefore;
        DateTimeOffset overdueDeadline;
        await using (var first = await ServerProcess.StartAsync(_folder, _port, ShortSteps))
        {
            var admin = await SignInAsync(first.BaseAddress, "admin");
            // A two-second first step, so its deadline passes while the server is down.
            (await admin.PutAsJsonAsync($"api/admin/schools/{TestSeed.School}/policies/Severe", new
            {
                steps = new object[]
                {
                    new { levels = new[] { "Class" }, channels = new[] { "Sms" }, acknowledgeWithin = "00:00:02" },
                    new { levels = new[] { "Grade" }, channels = new[] { "Sms" }, acknowledgeWithin = "00:15:00" },
                },
                repeats = 0,
                actionWithin = "02:00:00",
            })).EnsureSuccessStatusCode();
            var teacher = await SignInAsync(first.BaseAddress, "ts1-g1-c1-teacher");
            waitingCase = await FlagAsync(teacher, TestSeed.Student(TestSeed.Class, 15), "kill-1", "Distress");
            overdueCase = await FlagAsync(teacher, TestSeed.Student(TestSeed.Class, 16), "kill-2", "SelfHarm");
            waitingBefore = (await teacher.GetFromJsonAsync<CaseView>($"api/cases/{waitingCase}", ApiClient.Json))!;
            overdueDeadline = (await teacher.GetFromJsonAsync<CaseView>($"api/cases/{overdueCase}", ApiClient.Json))!.Escalation.StepDeadline!.Value;

            await first.KillHardAsync();
        }

        var stillAhead = overdueDeadline - DateTimeOffset.UtcNow;
        if (stillAhead > TimeSpan.Zero) await Task.Delay(stillAhead + TimeSpan.FromMilliseconds(200));

        await using var second = await ServerProcess.StartAsync(_folder, _port, ShortSteps);
        var client = await SignInAsync(second.BaseAddress, "ts1-g1-c1-teacher");

        var waitingAfter = (await client.GetFromJsonAsync<CaseView>($"api/cases/{waitingCase}", ApiClient.Json))!;
        waitingAfter.Flags.Select(f => f.FlagId).ShouldBe(waitingBefore.Flags.Select(f => f.FlagId));
        waitingAfter.Escalation.StepDeadline.ShouldBe(waitingBefore.Escalation.StepDeadline, "a pending deadline is kept exactly");
        (await client.GetFromJsonAsync<AuditTrail>($"api/cases/{waitingCase}/audit", ApiClient.Json))!.Verification.Intact.ShouldBeTrue();

        var overdue = await Eventually.Async(async () => (await client.GetFromJsonAsync<CaseView>($"api/cases/{overdueCase}", ApiClient.Json))!,
            v => v.Escalation.StepIndex == 1);
        overdue.Escalation.NotifiedNodeIds.ShouldContain(TestSeed.Grade);
        var trail = (await client.GetFromJsonAsync<AuditTrail>($"api/cases/{overdueCase}/audit", ApiClient.Json))!;
        trail.Verification.Intact.ShouldBeTrue();
        trail.Records.Count(r => r.Action == "AlertEscalated").ShouldBe(1, "the step fires once, not once per wake-up");
    }

    [Fact]
    public void InvalidOptionsInsideWhatTheHostThrowsAreARefusedStartWithCode13AndOnlyDeclaredFailuresAreSilencedInTheLog()
    {
        var invalid = new Microsoft.Extensions.Options.OptionsValidationException("Canary", typeof(object), ["Interval is too short"]);
        var wrapped = new AggregateException(new InvalidOperationException("start failed", invalid));

        StartupFailure.Find(wrapped)!.ExitCode.ShouldBe(StartupFailure.InvalidConfiguration);
        StartupFailure.FindDeclared(wrapped).ShouldBeNull();
        StartupFailure.FindDeclared(new AggregateException(new StartupFailure(StartupFailure.PortInUse, "taken")))!.ExitCode.ShouldBe(StartupFailure.PortInUse);
        StartupFailure.Find(new InvalidOperationException("unrelated")).ShouldBeNull();
    }

    [Fact]
    public async Task ASecondServerOverTheSameDataFolderRefusesToStartAndNamesTheFolder()
    {
        await using var first = await ServerProcess.StartAsync(_folder, _port);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ServerProcess.StartAsync(_folder, ServerProcess.FreePort()));

        refused.Message.ShouldContain("The server exited during start");
        refused.Message.ShouldContain($"The data folder {Path.GetFullPath(_folder)} is in use by another CrisisHub server");
        refused.Message.ShouldContain($"(exit code {StartupFailure.DataFolderInUse})");
        refused.Message.ShouldNotContain("   at ", customMessage: "one line, no stack trace");
        (await new HttpClient { BaseAddress = first.BaseAddress }.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK, "the first server keeps running");
    }

    [Fact]
    public async Task ASecondServerOnTheSameSiloPortRefusesToStartAndNamesThePort()
    {
        await using var first = await ServerProcess.StartAsync(_folder, _port);
        var otherFolder = CrisisHubFactory.NewDataFolder();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ServerProcess.StartAsync(otherFolder, ServerProcess.FreePort(),
            new Dictionary<string, string> { ["Silo__SiloPort"] = first.SiloPort.ToString() }));

        refused.Message.ShouldContain("The server exited during start");
        refused.Message.ShouldContain($"Silo:SiloPort {first.SiloPort} is already in use");
        refused.Message.ShouldContain($"(exit code {StartupFailure.PortInUse})");
        refused.Message.ShouldNotContain("   at ", customMessage: "one line, no stack trace");
        try { Directory.Delete(otherFolder, recursive: true); } catch (IOException) { }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
