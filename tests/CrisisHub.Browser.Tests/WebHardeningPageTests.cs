using System.Text.Json;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// Issue 12 point 5 in a real browser: the pages work under their Content-Security-Policy, a `next` that leads
/// off the origin is refused after sign-in, and a case outside one's nodes reads as not found.
/// </summary>
public abstract class WebHardeningPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task SigningInWithANextThatLeadsOffSiteStaysOnTheOrigin()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = BrowserFixture.Phone, BaseURL = browser.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        // "\" is read as "/" by browsers: location.replace("/\evil.example") would leave for evil.example.
        await page.GotoAsync("/?next=/%5Cevil.example");
        await page.GetByLabel("用户名").FillAsync("ts1-g1-c1-teacher");
        await page.GetByLabel("密码").FillAsync(TestSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.Locator("#sign-out").WaitForAsync();

        new Uri(page.Url).GetLeftPart(UriPartial.Authority).ShouldBe(browser.BaseAddress.GetLeftPart(UriPartial.Authority));
        new Uri(page.Url).AbsolutePath.ShouldBe("/");
        await Assertions.Expect(page.Locator("#home")).ToBeVisibleAsync();

        var results = await page.EvaluateAsync<string[]>("""
            async values => { const { safeNext } = await import('/js/next.js'); return values.map(v => safeNext(v)); }
            """, new[] { "/inbox.html", "/case.html?id=c1#x", "//evil.example", "/\\evil.example", "/%5Cevil.example", "/%2F/evil.example",
                "/\t/evil.example", "https://evil.example/", "javascript:alert(1)", "", "inbox.html" });
        results.ShouldBe(["/inbox.html", "/case.html?id=c1#x", "/", "/", "/", "/", "/", "/", "/", "/", "/"]);
    }

    [Fact]
    public async Task ACaseOutsideOnesNodesReadsAsNotFoundOrNotYoursInBothLanguages()
    {
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        var response = await teacher.PostFlagAsync(new { studentId = TestSeed.Student(TestSeed.Class, 19), signs = new[] { "Distress" }, note = "x" }, "browser-not-yours");
        response.EnsureSuccessStatusCode();
        var caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        var page = await browser.SignInAsync($"{TestSeed.OtherClassSameSchool}-teacher", BrowserFixture.Phone, $"/case.html?id={caseId}");
        await Assertions.Expect(page.Locator("#refused")).ToHaveTextAsync("未找到此个案，或它不在你负责的范围内。");
        await Assertions.Expect(page.Locator("#case")).ToBeHiddenAsync();

        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.Locator("#refused")).ToHaveTextAsync("Case not found, or not one of yours.");
        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.Locator("#refused")).ToHaveTextAsync("未找到此个案，或它不在你负责的范围内。");
    }

    [Fact]
    public async Task NoPageBreaksItsContentSecurityPolicy()
    {
        var violations = new List<string>();
        void Watch(IPage page) => page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add($"{page.Url}: {message.Text}");
        };

        var leader = await browser.SignInAsync("ts1-leader", BrowserFixture.LargeScreen);
        Watch(leader);
        foreach (var path in new[] { "/", "/inbox.html", $"/wallboard.html?scope={TestSeed.School}", "/wallboard.html?scope=no-such-school", "/flag.html" })
        {
            await leader.GotoAsync(path);
            await leader.Locator("#sign-out").WaitForAsync();
            await leader.WaitForTimeoutAsync(500);
        }

        var admin = await browser.SignInAsync("admin", BrowserFixture.LargeScreen, "/admin.html");
        Watch(admin);
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator("#accounts table")).ToBeVisibleAsync();

        var desk = await browser.SignInAsync(TestSeed.HospitalDesk, BrowserFixture.Phone, "/hospital.html");
        Watch(desk);
        await desk.ReloadAsync();
        await desk.Locator("#sign-out").WaitForAsync();
        await desk.WaitForTimeoutAsync(500);

        violations.ShouldBeEmpty();
    }
}

// These tests do not depend on the server's clock: one fixture is enough.
[Collection(YearBeforeToday.Collection)]
public sealed class WebHardeningPageTestsWithServerAYearBehind(YearBeforeToday browser) : WebHardeningPageTests(browser);
