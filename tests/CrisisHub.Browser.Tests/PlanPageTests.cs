namespace CrisisHub.Browser.Tests;

/// <summary>
/// The plan page (一生一策) in Chromium, with the server's clock a year ahead of the phone's: the psychology centre opens it
/// from home, starts a plan (the review date the form offers is the server's today, so it saves), revises it, and sees the
/// version history; the page reads the same in English.
/// </summary>
[Collection(YearAfterToday.Collection)]
public sealed class PlanPageTests(YearAfterToday browser)
{
    private static readonly string[] SafetyPlanParts =
        ["warningSigns", "internalCoping", "peopleAndPlacesForDistraction", "peopleToAskForHelp", "professionalsAndHotlines", "makingTheEnvironmentSafe"];

    [Fact]
    public async Task ThePsychologyCentreSavesAPlanAndSeesItsVersionHistory()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 18);
        var page = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.LargeScreen);
        await page.Locator("a.destination[href='/plan.html']").ClickAsync();
        await Assertions.Expect(page.Locator("#lookup")).ToBeVisibleAsync();
        await page.GetByLabel("学生编号（系统 ID）").FillAsync(studentId);
        await page.GetByRole(AriaRole.Button, new() { Name = "打开方案" }).ClickAsync();

        await Assertions.Expect(page.Locator("#plan-title")).ToContainTextAsync("学生18");
        await Assertions.Expect(page.Locator("#no-plan")).ToBeVisibleAsync();
        var form = page.Locator("#plan-form");
        await form.Locator("[name=triggers]").FillAsync("期中考试周");
        await form.Locator("[name=warningSigns]").FillAsync("不吃午饭，独来独往");
        foreach (var part in SafetyPlanParts) await form.Locator($"[name=sp-{part}]").FillAsync($"安全计划 {part}");
        await form.Locator("#add-adult").ClickAsync();
        await form.Locator(".adult [name=name]").FillAsync("李老师");
        await form.Locator(".adult [name=role]").FillAsync("班主任");
        await form.Locator("[name=agreedSupport]").FillAsync("本月免口头提问");
        await form.Locator("[name=changeNote]").FillAsync("首次建立");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();

        await Assertions.Expect(page.Locator("#plan-current")).ToContainTextAsync("期中考试周");
        await Assertions.Expect(page.Locator("#safety-plan")).ToContainTextAsync("安全计划 makingTheEnvironmentSafe");
        await Assertions.Expect(page.Locator("#adults")).ToContainTextAsync("李老师");
        await Assertions.Expect(page.Locator("#review-overdue")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#versions li")).ToHaveCountAsync(1);

        // A revision starts from the current version and becomes version 2, listed first.
        form = page.Locator("#plan-form");
        await Assertions.Expect(form.Locator("[name=agreedSupport]")).ToHaveValueAsync("本月免口头提问");
        await form.Locator("[name=agreedSupport]").FillAsync("本月免口头提问，体育课可请假");
        await form.Locator("[name=changeNote]").FillAsync("复学会议后修订");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator("#versions li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#versions li").First).ToContainTextAsync("复学会议后修订");
        await Assertions.Expect(page.Locator("#plan-current")).ToContainTextAsync("体育课可请假");
        await BrowserFixture.ScreenshotAsync(page, "plan-1920");

        // A bad draft shows the server's problem next to its field.
        await form.Locator("[name=ownerUserName]").FillAsync("ts2-leader");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-field=ownerUserName][aria-invalid=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#versions li")).ToHaveCountAsync(2);

        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.Locator("#plan-title")).ToContainTextAsync("Student plan:");
        await Assertions.Expect(page.Locator("#plan-history h3")).ToHaveTextAsync("Version history");
        // The language is the account's: give the psychology centre back its Chinese for the tests that share this server.
        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.Locator("#plan-history h3")).ToHaveTextAsync("版本历史");
    }
}
