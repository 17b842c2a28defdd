using System.Text.Json;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// The monthly report and the district view in Chromium, on a server whose clock runs a year ahead of the browser's: the
/// month the page opens on is the server's, the charts are drawn, the language switches, and the district's rows open a
/// school's report, never a student.
/// </summary>
[Collection(YearAfterToday.Collection)]
public sealed class ReportPageTests(YearAfterToday browser)
{
    [Fact]
    public async Task TheLeaderSeesTheMonthsChartsInChineseAndEnglishAndTheDistrictLinksToIt()
    {
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        var flag = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 17), "browser-report", Contracts.Cases.ObservedSign.Distress);
        flag.EnsureSuccessStatusCode();
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        // Acknowledged 12 minutes after it was raised, on the server's (grains') clock.
        browser.Clock.Advance(TimeSpan.FromMinutes(12));
        (await teacher.PostAsync($"api/cases/{caseId}/ack")).EnsureSuccessStatusCode();
        var month = browser.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");

        var page = await browser.SignInAsync("ts1-leader", BrowserFixture.LargeScreen, "/report.html?school=ts1");
        await Assertions.Expect(page.Locator("#month")).ToHaveValueAsync(month);
        var sources = page.Locator("#chart-sources svg.chart");
        // One bar per source, even at zero.
        await Assertions.Expect(sources.Locator("rect.bar")).ToHaveCountAsync(Enum.GetValues<CrisisHub.Contracts.Cases.FlagSource>().Length);
        await Assertions.Expect(sources.Locator("text.bar-label").First).ToHaveTextAsync("心理委员");
        await Assertions.Expect(page.Locator("#chart-grades rect.bar")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#chart-ack rect.bar")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#chart-coverage rect.bar")).ToHaveCountAsync(2);
        // The General alert's median: its one bar with a length, labelled with its minutes.
        await Assertions.Expect(page.Locator("#chart-ack rect.bar[data-value='12']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-ack text.bar-value").First).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator("#csv")).ToHaveAttributeAsync("href", $"/api/reports/schools/ts1/monthly?month={month}&format=csv");
        await Assertions.Expect(page.Locator("#report")).Not.ToContainTextAsync(TestSeed.Student(TestSeed.Class, 17));
        await BrowserFixture.ScreenshotAsync(page, "report-1920");

        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h2")).ToHaveTextAsync("Monthly closed-loop report");
        await Assertions.Expect(page.Locator("#chart-sources text.bar-label").First).Not.ToHaveTextAsync("心理委员");
        await Assertions.Expect(page.Locator("#chart-ack text.bar-label").First).ToHaveTextAsync("General");
        await Assertions.Expect(page.Locator("#chart-sources svg.chart")).ToHaveAttributeAsync("aria-label", "By source");
        // The language is the account's: give the leader back its Chinese for the tests that share this server.
        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h2")).ToHaveTextAsync("月度闭环报告");

        var officer = await browser.SignInAsync("officer", BrowserFixture.LargeScreen, "/district.html?district=td");
        var link = officer.Locator("#overview-table a.school-report", new() { HasText = "School ts1" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", $"/district.html?district=td&month={month}#school-ts1");
        await Assertions.Expect(officer.Locator("#monthly-table tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(officer.Locator("#monthly-table")).ToContainTextAsync("<5");
        // The school's row leads to its figures as the district reads them (suppressed), not to the school's own report.
        await link.ClickAsync();
        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"month={month}#school-ts1$"));
        await Assertions.Expect(officer.Locator("#monthly-table tr#school-ts1")).ToContainTextAsync("<5");
    }
}
