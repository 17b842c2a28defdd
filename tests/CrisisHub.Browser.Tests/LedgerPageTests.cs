using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Tests.Ledger;

namespace CrisisHub.Browser.Tests;

/// <summary>A server on today's date whose screenings and plans the test puts in place through its grains.</summary>
public sealed class LedgerBrowserFixture() : BrowserFixture(ServerClockStart.DaysFromToday(0))
{
    public ScreeningsAndPlansSeed Sources => new(Factory);
}

/// <summary>The ledger and archive pages in Chromium: the psychology centre reviews a student at the monthly meeting and opens their archive.</summary>
public sealed class LedgerPageTests(LedgerBrowserFixture browser) : IClassFixture<LedgerBrowserFixture>
{
    [Fact]
    public async Task ThePsychologyCentreRaisesAStudentAtTheMeetingAndOpensTheirArchiveWithItsTrendChart()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 16);
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        (await teacher.FlagAsync(studentId, "browser-ledger", ObservedSign.Distress)).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(browser.Clock.GetUtcNow().UtcDateTime);
        foreach (var (daysAgo, total) in new[] { (200, 6), (30, 12) })
        {
            await browser.Sources.ScreenAsync(new ScreeningResult(studentId, TestSeed.School, TestSeed.Grade, "PHQ-9", today.AddDays(-daysAgo), [total, 0, 0, 0, 0, 0, 0, 0, 0], total,
                total >= 10 ? ScreeningOutcome.General : ScreeningOutcome.Watch, null, $"import-{daysAgo}", 2));
        }

        await browser.Sources.PlanAsync(TestSeed.Student(TestSeed.Class, 17), 3, TestSeed.Psychologist, today.AddDays(20));

        var page = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.LargeScreen, $"/ledger.html?school={TestSeed.School}");
        var row = page.Locator($"#level-2 li[data-student='{studentId}']");
        await Assertions.Expect(row).ToContainTextAsync("学生16");
        await Assertions.Expect(row).ToContainTextAsync("一般个案");
        await Assertions.Expect(page.Locator($"#level-3 li[data-student='{TestSeed.Student(TestSeed.Class, 17)}']")).ToContainTextAsync("一生一策");
        await Assertions.Expect(page.Locator("#export")).ToHaveAttributeAsync("href", $"/api/schools/{TestSeed.School}/ledger.xlsx");

        // Raising without a note is refused next to the note; with one it is recorded and the row says so.
        await row.GetByLabel("复核结论").SelectOptionAsync("Raised");
        await row.GetByRole(AriaRole.Button, new() { Name = "记录复核" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-field=note][aria-invalid=true]")).ToBeVisibleAsync();
        await row.GetByLabel("说明").FillAsync("本月两次情绪失控");
        await row.GetByRole(AriaRole.Button, new() { Name = "记录复核" }).ClickAsync();
        await Assertions.Expect(page.Locator($"li[data-student='{studentId}'] .reviewed")).ToContainTextAsync("升级");
        await BrowserFixture.ScreenshotAsync(page, "ledger-1920");

        await page.Locator($"li[data-student='{studentId}'] a.student").ClickAsync();
        await Assertions.Expect(page.Locator("#student-name")).ToHaveTextAsync("学生16");
        await Assertions.Expect(page.Locator("#trend g[data-instrument='PHQ-9'] circle")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#entries")).ToContainTextAsync("个案开启");
        await Assertions.Expect(page.Locator("#entries")).ToContainTextAsync("测评 PHQ-9：总分 12");
        await BrowserFixture.ScreenshotAsync(page, "archive-1920");
    }
}
