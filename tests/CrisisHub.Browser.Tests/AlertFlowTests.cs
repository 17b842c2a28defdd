using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

public abstract class AlertFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task AMonitorFlagsInThreeTapsTheHeadTeacherSeesItLiveAcknowledgesAndTheWallboardFollows()
    {
        var teacher = await browser.SignInAsync("ts1-g1-c1-teacher", BrowserFixture.Phone, "/inbox.html");
        var wallboard = await browser.SignInAsync("ts1-duty", BrowserFixture.LargeScreen, $"/wallboard.html?scope={TestSeed.School}");
        var monitor = await browser.SignInAsync("ts1-g1-c1-monitor", BrowserFixture.Phone, "/flag.html");
        await BrowserFixture.ScreenshotAsync(teacher, "inbox-phone-empty");

        // Three taps: the student, what was seen, send.
        await monitor.GetByText(TestSeed.StudentName).ClickAsync();
        await monitor.GetByText("自伤（如割伤）").ClickAsync();
        await BrowserFixture.ScreenshotAsync(monitor, "flag-phone");
        await monitor.GetByRole(AriaRole.Button, new() { Name = "3. 发送" }).ClickAsync();
        await Assertions.Expect(monitor.GetByText("已收到。老师会尽快处理。谢谢你！")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(monitor, "flag-phone-received");

        var card = teacher.Locator("#alerts li").Filter(new() { HasText = "严重" }).First;
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 2000 });
        var caseId = await card.GetAttributeAsync("data-case");
        await BrowserFixture.ScreenshotAsync(teacher, "inbox-phone-alert");
        var board = wallboard.Locator($"li[data-case='{caseId}']");
        await Assertions.Expect(board).ToContainTextAsync("剩余");
        await Assertions.Expect(board).Not.ToContainTextAsync(TestSeed.StudentName[1..]);

        await card.GetByRole(AriaRole.Button, new() { Name = "确认收到" }).ClickAsync();

        await Assertions.Expect(card).ToContainTextAsync("已确认");
        await Assertions.Expect(board).ToContainTextAsync("已确认");
        await BrowserFixture.ScreenshotAsync(wallboard, "wallboard-1920");
        (await monitor.Locator("#mine li").First.TextContentAsync()).ShouldNotBeNull();
    }

    [Fact]
    public async Task AnUnacknowledgedAlertEscalatesToTheGradeDirectorsPage()
    {
        var director = await browser.SignInAsync("ts1-g1-director", BrowserFixture.Phone, "/inbox.html");
        var api = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        var flagged = await api.FlagAsync(TestSeed.Student(TestSeed.Class, 3), "browser-escalate", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();
        var card = director.Locator($"#alerts li[data-case='{caseId}']");
        await Assertions.Expect(card).ToHaveCountAsync(0);

        browser.Clock.Advance(TimeSpan.FromMinutes(15));

        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("第 2 步");
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("escalated"));
        await BrowserFixture.ScreenshotAsync(director, "inbox-phone-escalated");
    }

    [Fact]
    public async Task AfterANetworkDropTheHeadTeacherPageSaysSoReconnectsAndMissesNothing()
    {
        var teacher = await browser.SignInAsync("ts1-g2-c1-teacher", BrowserFixture.Phone, "/inbox.html");
        var api = await ApiClient.SignInAsync(browser.Factory, "ts1-g2-c1-monitor");
        await Assertions.Expect(teacher.Locator("#alerts li")).ToHaveCountAsync(0);

        await teacher.Context.SetOfflineAsync(true);
        await Assertions.Expect(teacher.Locator("#offline")).ToBeVisibleAsync();
        (await api.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 4), "while-offline", ObservedSign.Distress)).EnsureSuccessStatusCode();
        await BrowserFixture.ScreenshotAsync(teacher, "inbox-phone-offline");
        await teacher.Context.SetOfflineAsync(false);

        await Assertions.Expect(teacher.Locator("#offline")).ToBeHiddenAsync(new() { Timeout = 15000 });
        await Assertions.Expect(teacher.Locator("#alerts li")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task APhoneWhoseClockIsThirtyMinutesFastCountsDownOnTheServersClock()
    {
        // Inbox, case page and wallboard of a phone and a screen whose clocks run 30 minutes fast, while the
        // server's clock is a year away from both: every countdown must still read a full Severe step.
        var skew = TimeSpan.FromMinutes(30);
        var teacher = await browser.SignInAsync("ts2-g2-c1-teacher", BrowserFixture.Phone, "/inbox.html", skew);
        var wallboard = await browser.SignInAsync("ts2-duty", BrowserFixture.LargeScreen, $"/wallboard.html?scope={TestSeed.OtherSchool}", skew);
        var api = await ApiClient.SignInAsync(browser.Factory, "ts2-g2-c1-teacher");
        var flagged = await api.FlagAsync(TestSeed.Student("ts2-g2-c1", 12), "skewed-phone", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();
        var fullStep = new System.Text.RegularExpressions.Regex("剩余 (15:00|14:[0-5][0-9])");

        await Assertions.Expect(teacher.Locator($"#alerts li[data-case='{caseId}'] .countdown")).ToHaveTextAsync(fullStep);
        await Assertions.Expect(wallboard.Locator($"li[data-case='{caseId}'] .countdown")).ToHaveTextAsync(fullStep);
        await teacher.GotoAsync($"/case.html?id={caseId}");
        await Assertions.Expect(teacher.Locator("#alert-state .countdown")).ToHaveTextAsync(fullStep);
    }

    [Fact]
    public async Task AFlagMadeWithoutNetworkIsKeptAndSentOnceTheNetworkIsBack()
    {
        // A class no other browser test uses, so its inbox counts stay theirs.
        var monitor = await browser.SignInAsync("ts2-g2-c1-monitor", BrowserFixture.Phone, "/flag.html");
        var admin = await ApiClient.SignInAsync(browser.Factory, "admin");
        var student = TestSeed.Student("ts2-g2-c1", 9);
        await Assertions.Expect(monitor.Locator("#students label").First).ToBeVisibleAsync();

        await monitor.Context.SetOfflineAsync(true);
        await monitor.GetByText("学生9", new() { Exact = true }).ClickAsync();
        await monitor.GetByText("被欺凌").ClickAsync();
        await monitor.GetByRole(AriaRole.Button, new() { Name = "3. 发送" }).ClickAsync();

        await Assertions.Expect(monitor.GetByText("网络不通：已保存，联网后自动重新发送。")).ToBeVisibleAsync();
        await Assertions.Expect(monitor.Locator("#mine li").First).ToHaveAttributeAsync("data-status", "Pending");
        (await admin.GetAsync<Contracts.Network.StudentView>($"api/admin/students/{student}")).OpenCaseId.ShouldBeNull();

        await monitor.Context.SetOfflineAsync(false);

        await Assertions.Expect(monitor.Locator("#mine li").First).ToHaveAttributeAsync("data-status", "Received");
        var caseId = (await admin.GetAsync<Contracts.Network.StudentView>($"api/admin/students/{student}")).OpenCaseId;
        caseId.ShouldNotBeNull();
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts2-g2-c1-teacher");
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Flags.ShouldHaveSingleItem("resent once, with the same idempotency key");
    }
}

[Collection(YearBeforeToday.Collection)]
public sealed class AlertFlowTestsWithServerAYearBehind(YearBeforeToday browser) : AlertFlowTests(browser);

[Collection(YearAfterToday.Collection)]
public sealed class AlertFlowTestsWithServerAYearAhead(YearAfterToday browser) : AlertFlowTests(browser);
