using CrisisHub.Contracts;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// axe-core on every page under wwwroot, in Chinese and in English, each opened by a person who uses it and showing
/// real content (a case with a referral, a school, a district): no violation of serious or critical impact. The pages
/// are read from the folder, so a new page fails here until it is given a visit below.
/// </summary>
public abstract class AccessibilityTests(BrowserFixture browser)
{
    /// <summary>Who opens a page and where; <c>Ready</c> is what shows once its content has loaded.</summary>
    private sealed record Visit(string Account, Func<AccessibilitySubject, string> Url, string Ready = "main");

    private static readonly Dictionary<string, Visit> Visits = new()
    {
        ["index.html"] = new(TestSeed.Psychologist, _ => "/", "#destinations li"),
        ["flag.html"] = new(AccessibilitySubject.Teacher, _ => "/flag.html", "#flag-form"),
        ["inbox.html"] = new(AccessibilitySubject.Teacher, _ => "/inbox.html", "#alerts li"),
        ["case.html"] = new(AccessibilitySubject.Teacher, s => $"/case.html?id={s.CaseId}", "#referral-status"),
        ["missing.html"] = new(AccessibilitySubject.Teacher, s => $"/missing.html?student={s.StudentId}"),
        ["wallboard.html"] = new("ts1-duty", _ => $"/wallboard.html?scope={TestSeed.School}", ".wb-card"),
        ["hospital.html"] = new(AccessibilitySubject.Desk, s => $"/hospital.html?id={s.ReferralId}", "#detail button"),
        ["privacy.html"] = new(TestSeed.Psychologist, s => $"/privacy.html?student={s.StudentId}"),
        ["export.html"] = new(TestSeed.Psychologist, s => $"/export.html?student={s.StudentId}"),
        ["archive.html"] = new(TestSeed.Psychologist, s => $"/archive.html?student={s.StudentId}"),
        ["plan.html"] = new(TestSeed.Psychologist, s => $"/plan.html?student={s.StudentId}"),
        ["screening.html"] = new(TestSeed.Psychologist, _ => $"/screening.html?school={TestSeed.School}"),
        ["signals.html"] = new(TestSeed.Psychologist, _ => $"/signals.html?school={TestSeed.School}"),
        ["ledger.html"] = new(TestSeed.Psychologist, _ => $"/ledger.html?school={TestSeed.School}"),
        ["report.html"] = new("ts1-leader", _ => $"/report.html?school={TestSeed.School}"),
        ["district.html"] = new("officer", _ => $"/district.html?district={TestSeed.District}"),
        ["admin.html"] = new("admin", _ => "/admin.html", "#accounts table"),
    };

    public static TheoryData<string, string> PagesInEachLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(WebRoot(), "*.html").Select(Path.GetFileName).Order())
            foreach (var language in Languages.All)
                data.Add(file!, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task ThePageHasNoSeriousOrCriticalViolation(string file, string language)
    {
        Visits.ShouldContainKey(file, $"{file} has no visit in {nameof(AccessibilityTests)}: say who opens it and where");
        var visit = Visits[file];
        var subject = await AccessibilitySubject.ForAsync(browser);
        var viewport = file is "wallboard.html" or "admin.html" ? BrowserFixture.LargeScreen : BrowserFixture.Phone;
        var page = await browser.SignInAsync(visit.Account, viewport, visit.Url(subject));
        try
        {
            if (language != Languages.Default) await SwitchLanguageAsync(page, language);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Assertions.Expect(page.Locator(visit.Ready).First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await AssertNoSeriousViolationAsync(page, $"{file} ({language})");
        }
        finally
        {
            // The language belongs to the account, which other tests share.
            if (language != Languages.Default) await SetAccountLanguageAsync(page, Languages.Default);
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(Languages.Chinese)]
    [InlineData(Languages.English)]
    public async Task TheSignInFormHasNoSeriousOrCriticalViolation(string language)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = BrowserFixture.Phone, BaseURL = browser.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        if (language != Languages.Default) await page.Locator("#lang-before").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await AssertNoSeriousViolationAsync(page, $"sign-in ({language})");
        await context.CloseAsync();
    }

    /// <summary>What the header's switch does (stores the choice on the account), then the page read afresh in it.</summary>
    private static async Task SwitchLanguageAsync(IPage page, string language)
    {
        await SetAccountLanguageAsync(page, language);
        await page.ReloadAsync();
        await page.Locator("#sign-out").WaitForAsync();
    }

    private static async Task SetAccountLanguageAsync(IPage page, string language)
    {
        var status = await page.EvaluateAsync<int>(
            "async language => (await fetch('/api/auth/me/language', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language }) })).status",
            language);
        status.ShouldBeInRange(200, 299, $"setting the account's language back to {language}");
    }

    public static async Task AssertNoSeriousViolationAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty(string.Join("\n", serious.Select(v =>
            $"{what}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    private static string WebRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("CrisisHub.sln above " + AppContext.BaseDirectory),
            "src", "CrisisHub.Server", "wwwroot");
    }
}

// One server is enough: what is checked (names, contrast, sizes) does not depend on the server's date, and each run of
// every page in two languages costs minutes of the suite.
[Collection(YearBeforeToday.Collection)]
public sealed class AccessibilityTestsWithServerAYearBehind(YearBeforeToday browser) : AccessibilityTests(browser);
