using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Integrations.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Browser.Tests;

/// <summary>A server of its own for the signals pages: its clock moves past the 30 minutes a signal may wait.</summary>
public sealed class SignalsPageServer() : BrowserFixture(ServerClockStart.DaysFromToday(0));

/// <summary>
/// Outside signals in Chromium: the psychology centre matches a queued signal by student number on its page and it leaves
/// the queue; the duty wallboard counts one left waiting past 30 minutes and shows a missing student in its own strip.
/// </summary>
public sealed class SignalsPageTests(SignalsPageServer browser) : IClassFixture<SignalsPageServer>
{
    private static readonly Actor Client = new("integration:browser-monitoring", "Browser monitoring", null);

    /// <summary>A signal that named no student, queued as the intake queues one (the intake is covered over HTTP in the server suite).</summary>
    private async Task<string> QueueAsync(string key, string hint)
    {
        var grains = browser.Factory.Services.GetRequiredService<IGrainFactory>();
        var now = browser.Clock.GetUtcNow();
        var intakeKey = $"browser-monitoring/{key}";
        var signal = new IncomingSignal("", Client, IntegrationClientKind.OnlineMonitoring, SignalKind.OnlineSelfHarmPost, TestSeed.School, null,
            new SignalHints(hint, null, null, null), [ObservedSign.SelfHarm], "帖子说想结束一切", now.AddMinutes(-5), now, null);
        var begun = await grains.GetGrain<ISignalIntakeGrain>(intakeKey).BeginAsync(signal, key);
        var receipt = await grains.GetGrain<ISchoolSignalsGrain>(TestSeed.School).EnqueueAsync(begun.Signal!, intakeKey, "NoStudentNumber");
        await grains.GetGrain<ISignalIntakeGrain>(intakeKey).CompleteAsync(receipt, null, null);
        return begun.Signal!.SignalId;
    }

    [Fact]
    public async Task ThePsychologyCentreMatchesAQueuedSignalByNumberAndItLeavesTheQueue()
    {
        var signalId = await QueueAsync("page-1", "小李同学");
        var psych = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.Phone, $"/signals.html?school={TestSeed.School}");
        var card = psych.Locator($"article[data-signal='{signalId}']");
        await Assertions.Expect(card).ToContainTextAsync("网络自伤言论");
        await Assertions.Expect(card).ToContainTextAsync("小李同学");
        await Assertions.Expect(card).ToContainTextAsync("未提供学号");
        await BrowserFixture.ScreenshotAsync(psych, "signals-queue-phone");

        // A number of no student of the school is refused beside the card; the right one matches.
        await card.GetByLabel("学号").FillAsync("no-such-student");
        await card.GetByRole(AriaRole.Button, new() { Name = "匹配" }).ClickAsync();
        await Assertions.Expect(card.Locator("[role=alert]")).Not.ToBeEmptyAsync();
        await card.GetByLabel("学号").FillAsync($"{TestSeed.Class}-4");
        await card.GetByRole(AriaRole.Button, new() { Name = "匹配" }).ClickAsync();
        await Assertions.Expect(psych.Locator($"article[data-signal='{signalId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(psych.Locator("#resolved")).ToContainTextAsync("已人工匹配");
    }

    [Fact]
    public async Task TheWallboardCountsASignalWaitingPastThirtyMinutesAndShowsAMissingStudentInItsOwnStrip()
    {
        await QueueAsync("wall-1", "无名");
        browser.Clock.Advance(TimeSpan.FromMinutes(31));
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        var reported = await teacher.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/students/{TestSeed.Student(TestSeed.Class, 5)}/missing")
        {
            Content = JsonContent.Create(new
            {
                lastSeenAt = browser.Clock.GetUtcNow().AddHours(-2), lastSeenPlace = "东门", lastSeenBy = "宿管", warningSigns = Array.Empty<string>(),
            }),
            Headers = { { "Idempotency-Key", "browser-missing-1" } },
        });
        reported.StatusCode.ShouldBe(HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());

        var duty = await browser.SignInAsync("ts1-duty", BrowserFixture.LargeScreen, $"/wallboard.html?scope={TestSeed.School}");
        await Assertions.Expect(duty.Locator("#signals-unmatched")).ToContainTextAsync("条外部信号超过 30 分钟未匹配到学生");
        var strip = duty.Locator("#missing-strip");
        await Assertions.Expect(strip).ToBeVisibleAsync();
        await Assertions.Expect(strip.Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(strip).ToContainTextAsync("已失联");
        await BrowserFixture.ScreenshotAsync(duty, "wallboard-signals-missing-1920");
    }
}
