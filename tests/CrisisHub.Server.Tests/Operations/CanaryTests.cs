using System.Text.Json;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Operations;
using CrisisHub.Grains.Notifications;
using CrisisHub.Server.Operations.Canary;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>
/// The canary on a fake clock: its scheduled run gets an alert through (push, text, escalation, acknowledgement) and counts
/// as a success; then, with the push path broken, a run fails at the push, raises the operator alert on live wallboards and
/// in the API, and counts as a failure. Canary cases stay out of the real wallboards and counts, and text no real phone.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class CanaryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = CrisisHubFactory.NewClock();
    private readonly BreakablePushes _pushes = new();
    private CrisisHubFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), _clock,
            settings: new Dictionary<string, string> { ["Canary:Enabled"] = "true", ["Canary:NodeName"] = "node-a" },
            services: _pushes.Decorate);
        _ = _factory.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AScheduledRunGetsAnAlertThroughAndARunWithABrokenPushPathFailsAndRaisesTheOperatorAlert()
    {
        var status = _factory.Services.GetRequiredService<CanaryStatus>();
        var duty = await ApiClient.SignInAsync(_factory, "ts1-duty");
        await using var wallboard = await duty.ConnectHubAsync(watch: TestSeed.School);
        var reports = new List<CanaryReport>();
        wallboard.Connection.On<CanaryReport>("canaryHealth", r => { lock (reports) reports.Add(r); });

        // The first run starts with the node; the alert escalates when the grain clock passes the first step's minute.
        var first = await status.NextRunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await first.WhenAt(CanaryStage.Escalation).WaitAsync(TimeSpan.FromSeconds(30));
        first.Stage.ShouldBe(CanaryStage.Escalation, $"the run ended early: {status.Last?.Reason}");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(30));

        status.Last!.Succeeded.ShouldBeTrue(status.Last.Reason);
        status.Last.Stage.ShouldBe(CanaryStage.Done);
        status.LastSuccessAt.ShouldBe(_clock.GetUtcNow());
        (await duty.GetAsync<CanaryReport[]>("api/operations/canary")).ShouldHaveSingleItem().Succeeded.ShouldBeTrue();
        var admin = await ApiClient.SignInAsync(_factory, "admin");
        var outbox = await admin.GetAsync<JsonElement>("api/sms/outbox");
        outbox.GetArrayLength().ShouldBe(2, "the canary responder, at the class and then at the grade step");
        outbox.EnumerateArray().ShouldAllBe(t => t.GetProperty("to").GetString() == CanaryDistrict.Phone, "the canary's texts stay in the outbox");
        (await duty.GetAsync<JsonElement>($"api/wallboards/{TestSeed.School}")).GetProperty("total").GetInt32().ShouldBe(0, "no real wallboard shows it");
        wallboard.Received.ShouldBeEmpty("a real school's live wallboard hears nothing of the canary");

        // The backplane stops forwarding: the next run waits for its push in vain.
        _pushes.Broken = true;
        var runner = _factory.Services.GetRequiredService<CanaryRunner>();
        var failing = runner.RunOnceAsync(CancellationToken.None);
        var second = await status.NextRunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await second.WhenAt(CanaryStage.Push).WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(31));
        var failed = await failing.WaitAsync(TimeSpan.FromSeconds(30));

        failed.Succeeded.ShouldBeFalse();
        failed.Stage.ShouldBe(CanaryStage.Push);
        failed.Reason.ShouldBe("no Raised push within 30 s");
        failed.LastSuccessAt.ShouldBe(status.LastSuccessAt);
        (await duty.GetAsync<CanaryReport[]>("api/operations/canary")).ShouldHaveSingleItem().Succeeded.ShouldBeFalse();
        await Eventually.Async(() => { lock (reports) return Task.FromResult(reports.ToList()); }, r => r.Any(x => !x.Succeeded && x.Stage == CanaryStage.Push));

        using var http = new HttpClient { BaseAddress = _factory.BaseAddress };
        var metrics = await http.GetStringAsync("metrics");
        metrics.ShouldContain("crisishub_canary_runs_total{otel_scope_name=\"CrisisHub\",outcome=\"success\",stage=\"Done\"} 1");
        metrics.ShouldContain("crisishub_canary_runs_total{otel_scope_name=\"CrisisHub\",outcome=\"failure\",stage=\"Push\"} 1");
        metrics.ShouldContain("crisishub_canary_last_success_time_seconds");
        metrics.ShouldContain("crisishub_canary_duration_seconds_bucket");

        // A real alert, acknowledged, and one that escalates: then every metric the alert rules and the dashboard read is served.
        _pushes.Broken = false;
        var teacher = await ApiClient.SignInAsync(_factory, "ts1-g1-c1-teacher");
        await using var inbox = await teacher.ConnectHubAsync();
        (await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 5), "real-flag-1", Contracts.Cases.ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var acknowledged = await inbox.WaitForAsync(n => n.Kind == AlertEventKind.Raised);
        (await teacher.PostAsync($"api/cases/{acknowledged.Alert.CaseId}/ack")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 6), "real-flag-2", Contracts.Cases.ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var escalating = await inbox.WaitForAsync(n => n.Kind == AlertEventKind.Raised && n.Alert.CaseId != acknowledged.Alert.CaseId);
        _clock.Advance(TimeSpan.FromMinutes(15));
        await inbox.WaitForAsync(n => n.Kind == AlertEventKind.Escalated && n.Alert.CaseId == escalating.Alert.CaseId);

        var scraped = await http.GetStringAsync("metrics");
        var served = scraped.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0])
            .Select(n => System.Text.RegularExpressions.Regex.Replace(n, "_(bucket|sum|count)$", "")).ToHashSet();
        MonitoringFiles.ScrapedMetricNames().Where(n => !served.Contains(n)).ShouldBeEmpty("every metric an alert rule or a dashboard panel reads is served");
    }

    /// <summary>The server's own notifier, which a test can make drop every push (as a backplane that silently stopped would).</summary>
    private sealed class BreakablePushes
    {
        public volatile bool Broken;

        public void Decorate(IServiceCollection services)
        {
            var real = services.Last(d => d.ServiceType == typeof(IAlertNotifier));
            services.AddSingleton<IAlertNotifier>(sp => new Notifier(this, (IAlertNotifier)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
        }

        private sealed class Notifier(BreakablePushes owner, IAlertNotifier inner) : IAlertNotifier
        {
            public Task PublishAsync(AlertNotification notification) => owner.Broken ? Task.CompletedTask : inner.PublishAsync(notification);

            public Task PublishReferralAsync(ReferralNotification notification) => inner.PublishReferralAsync(notification);

            public Task PublishPlanReviewAsync(PlanReviewNotification notification) => inner.PublishPlanReviewAsync(notification);
        }
    }
}
