using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Twilio configured but out of reach: a host that does not resolve (the .invalid TLD answers NXDOMAIN without
/// leaving the machine) or a loopback port where nothing listens. Retries run on the fake grain clock.
/// </summary>
public sealed class TwilioUnreachableTests : IAsyncLifetime
{
    private const string Teacher = "ts2-g1-c1-teacher";
    private readonly string _folder = CrisisHubFactory.NewDataFolder();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = CrisisHubFactory.NewClock();
    private FakeTwilio? _twilio;
    private CrisisHubFactory? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    private static Uri Unreachable(string kind) => kind == "unresolvable"
        ? new Uri("http://twilio.invalid/")
        : new Uri($"http://127.0.0.1:{CrisisHubFactory.FreePort()}/");

    private CrisisHubFactory Start(Uri twilioApi)
    {
        _server = new CrisisHubFactory(_folder, _clock, settings: FakeTwilio.ServerSettings(twilioApi));
        _ = _server.BaseAddress;
        return _server;
    }

    private static async Task<(ApiClient Teacher, string CaseId)> FlagAsync(CrisisHubFactory server, int student)
    {
        var teacher = await ApiClient.SignInAsync(server, Teacher);
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.OtherSchoolClass, student), $"unreachable-{student}", ObservedSign.SelfHarm);
        flagged.EnsureSuccessStatusCode();
        return (teacher, (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!);
    }

    private static Task<JsonElement> HealthAsync(ApiClient client, int failures) =>
        Eventually.Async(() => client.GetAsync<JsonElement>("api/sms/health"), h => h.GetProperty("consecutiveFailures").GetInt32() >= failures);

    private static async Task<int> FailuresAsync(ApiClient client) =>
        (await client.GetAsync<JsonElement>("api/sms/health")).GetProperty("consecutiveFailures").GetInt32();

    private static async Task<SmsMessageView> TextAsync(CrisisHubFactory server, ApiClient teacher, string caseId)
    {
        var id = (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Texts.Single().MessageId;
        return (await server.Services.GetRequiredService<IGrainFactory>().GetGrain<ISmsMessageGrain>(id).GetAsync())!;
    }

    [Fact]
    public async Task WithTwiliosHostUnresolvableATextWaitsQueuedWithBackOffAndSmsShowsDegraded()
    {
        var server = Start(Unreachable("unresolvable"));
        var (teacher, caseId) = await FlagAsync(server, 12);

        await HealthAsync(teacher, 1);
        var text = await TextAsync(server, teacher, caseId);
        text.Status.ShouldBe(SmsStatus.Queued, "a request that never left sent nothing: no look-up is needed first");
        text.Attempts.ShouldBe(1);
        _clock.Advance(TimeSpan.FromSeconds(14));
        (await FailuresAsync(teacher)).ShouldBe(1, "the first retry waits 15 s");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await HealthAsync(teacher, 2);
        _clock.Advance(TimeSpan.FromSeconds(30));

        var health = await HealthAsync(teacher, 3);
        health.GetProperty("degraded").GetBoolean().ShouldBeTrue();
        health.GetProperty("mode").GetString().ShouldBe("twilio");
        (await TextAsync(server, teacher, caseId)).ShouldSatisfyAllConditions(
            t => t.Status.ShouldBe(SmsStatus.Queued),
            t => t.Attempts.ShouldBe(3));
        var phone = (await TextAsync(server, teacher, caseId)).Phone.TrimStart('+');
        server.Logs.Events.ShouldNotContain(e => e.Contains(phone), "no phone number in any log event");
    }

    [Theory]
    [InlineData("unresolvable")]
    [InlineData("refused")]
    public async Task ALostAnswerThatCannotBeLookedUpAfterARestartCountsAsDegradedAndIsAskedAgainWithBackOffNeverResent(string kind)
    {
        _twilio = await FakeTwilio.StartAsync();
        var first = Start(_twilio.BaseAddress);
        var admin = await ApiClient.SignInAsync(first, "admin");
        var phone = (await admin.GetAsync<JsonElement>($"api/admin/nodes/{TestSeed.OtherSchoolClass}")).GetProperty("responders")[0].GetProperty("phone").GetString()!;
        _twilio.Script(phone, FakeTwilio.AcceptButAnswerLate);
        var (teacher, caseId) = await FlagAsync(first, 14);
        // The attempt times out (2 s here) with its outcome unknown: that too is a failure to reach Twilio.
        await Eventually.Async(() => FailuresAsync(teacher), n => n == 1, TimeSpan.FromSeconds(30));
        (await TextAsync(first, teacher, caseId)).Status.ShouldBe(SmsStatus.Sending);

        // Restarted on a machine where Twilio is out of reach: the stored attempt must be looked up, not resent.
        await first.DisposeAsync();
        var server = Start(Unreachable(kind));
        teacher = await ApiClient.SignInAsync(server, Teacher);
        (await TextAsync(server, teacher, caseId)).Status.ShouldBe(SmsStatus.Sending);
        _clock.Advance(TimeSpan.FromSeconds(15));
        await HealthAsync(teacher, 1);
        _clock.Advance(TimeSpan.FromSeconds(29));
        (await FailuresAsync(teacher)).ShouldBe(1, "the next look-up waits out a doubled back-off");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await HealthAsync(teacher, 2);
        _clock.Advance(TimeSpan.FromSeconds(60));

        (await HealthAsync(teacher, 3)).GetProperty("degraded").GetBoolean().ShouldBeTrue();
        (await TextAsync(server, teacher, caseId)).ShouldSatisfyAllConditions(
            t => t.Status.ShouldBe(SmsStatus.Sending, "still open: the provider may hold it"),
            t => t.Attempts.ShouldBe(1, "never sent again while the provider cannot be asked"));
        _twilio.To(phone).Count.ShouldBe(1);
        server.Logs.Events.ShouldNotContain(e => e.Contains(phone.TrimStart('+')), "the look-up URL carries the number; it must not reach the logs");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_twilio is not null) await _twilio.DisposeAsync();
    }
}
