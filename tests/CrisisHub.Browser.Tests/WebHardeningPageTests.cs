using System.Text.Json;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// Issue 12 point 5 in a real browser: a case outside one's nodes reads as not found.
/// </summary>
public abstract class WebHardeningPageTests(BrowserFixture browser)
{
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
}

// These tests do not depend on the server's clock: one fixture is enough.
[Collection(YearBeforeToday.Collection)]
public sealed class WebHardeningPageTestsWithServerAYearBehind(YearBeforeToday browser) : WebHardeningPageTests(browser);
