using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

public abstract class PageTests(BrowserFixture browser)
{
    private async Task<string> OpenCaseAsync(int student, string key, string note, string sign = "Distress")
    {
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        var response = await teacher.PostFlagAsync(new { studentId = TestSeed.Student(TestSeed.Class, student), signs = new[] { sign }, note }, key);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task TheLanguageSwitchTurnsThePagesEnglishAndIsRememberedForTheAccount()
    {
        var page = await browser.SignInAsync("ts1-g2-director", BrowserFixture.Phone);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "预警收件箱" })).ToBeVisibleAsync();

        await page.Locator("#lang-switch").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alert inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await BrowserFixture.ScreenshotAsync(page, "home-phone-english");
        var elsewhere = await browser.SignInAsync("ts1-g2-director", BrowserFixture.Phone);
        await Assertions.Expect(elsewhere.GetByRole(AriaRole.Link, new() { Name = "Alert inbox" })).ToBeVisibleAsync();
        await elsewhere.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(elsewhere.GetByRole(AriaRole.Link, new() { Name = "预警收件箱" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ANoteWithMarkupIsShownAsTextAndNeverRuns()
    {
        const string note = "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\"><b>bold</b>";
        var caseId = await OpenCaseAsync(5, "browser-xss", note);
        var page = await browser.SignInAsync("ts1-g1-c1-teacher", BrowserFixture.Phone, $"/case.html?id={caseId}");

        var shown = page.Locator("#flags .note").First;

        await Assertions.Expect(shown).ToHaveTextAsync(note);
        (await page.EvaluateAsync<bool>("() => window.__injected === undefined")).ShouldBeTrue();
        (await page.Locator("#flags b").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task AMonitorCannotOpenACasePage()
    {
        var caseId = await OpenCaseAsync(6, "browser-monitor-refused", "x");
        var page = await browser.SignInAsync("ts1-g1-c1-monitor", BrowserFixture.Phone, $"/case.html?id={caseId}");

        await Assertions.Expect(page.Locator("#refused")).ToHaveTextAsync("你无权查看此个案。");
        await Assertions.Expect(page.Locator("#case")).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page, "case-phone-refused");
    }

    [Fact]
    public async Task TheHeadTeacherWorksACaseFromItsPage()
    {
        var caseId = await OpenCaseAsync(7, "browser-case-page", "withdrawn since Monday", "SelfHarm");
        var page = await browser.SignInAsync("ts1-g1-c1-teacher", BrowserFixture.Phone, $"/case.html?id={caseId}");

        await page.Locator("#ack").ClickAsync();
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("已确认");
        await page.Locator("#action-kind").SelectOptionAsync("ContactedGuardian");
        await page.Locator("#action-note").FillAsync("mother will pick her up");
        await page.Locator("#action-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#actions")).ToContainTextAsync("mother will pick her up");
        await page.Locator("#grade-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#grade-form .field-error")).ToBeVisibleAsync();
        await page.Locator("#new-grade").SelectOptionAsync("Major");
        await page.Locator("#grade-reason").FillAsync("disclosed a plan");
        await page.Locator("#grade-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("重大");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("调整等级");
        await BrowserFixture.ScreenshotAsync(page, "case-phone");
    }

    [Fact]
    public async Task AdminShowsTheNetworkAndPutsValidationErrorsNextToTheField()
    {
        var page = await browser.SignInAsync("admin", BrowserFixture.LargeScreen, "/admin.html");

        await page.GetByRole(AriaRole.Button, new() { Name = $"District {TestSeed.District} (区县)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"School {TestSeed.School} (学校)" }).ClickAsync();
        await Assertions.Expect(page.Locator("form[data-grade=Severe]")).ToBeVisibleAsync();
        var responders = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "响应人" }) });
        await responders.Locator("input[name=phone]").First.FillAsync("12345");
        await responders.Locator("button[type=submit]").ClickAsync();

        var error = responders.Locator(".field-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        (await responders.Locator("input[name=phone]").First.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await Assertions.Expect(page.Locator("#accounts table")).ToContainTextAsync("ts1-g1-c1-teacher");
        await BrowserFixture.ScreenshotAsync(page, "admin-1920");
    }
}

[Collection(YearBeforeToday.Collection)]
public sealed class PageTestsWithServerAYearBehind(YearBeforeToday browser) : PageTests(browser);

[Collection(YearAfterToday.Collection)]
public sealed class PageTestsWithServerAYearAhead(YearAfterToday browser) : PageTests(browser);
