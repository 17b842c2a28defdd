namespace CrisisHub.Browser.Tests;

/// <summary>The screening import page in Chromium: a CSV previewed with its errors, confirmed, and imported with a progress bar.</summary>
public abstract class ScreeningPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task ThePsychologyCentrePreviewsAFileSeesItsErrorsAndImportsIt()
    {
        // A date the server has already lived (a later one is refused as a typo).
        var day = browser.Clock.GetUtcNow().AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = string.Join('\n',
            "学号,量表,日期,题1,题2,题3,题4,题5,题6,题7",
            $"{TestSeed.Class}-16,GAD-7,{day},3,3,3,3,3,3,0",
            $"{TestSeed.Class}-17,GAD-7,{day},0,0,0,0,0,0,0",
            $"{TestSeed.Class}-18,GAD-7,{day},0,0,0,0,0,0,9",
            $"nobody,GAD-7,{day},0,0,0,0,0,0,0") + "\n";
        var page = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.LargeScreen, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "心理测评导入" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#instruments")).ToContainTextAsync("PHQ-9");

        var file = new FilePayload { Name = "term.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) };
        await page.Locator("#file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();

        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("共 4 行：可导入 2 行，有错误 2 行");
        await Assertions.Expect(page.Locator("#problems tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("no student nobody in your school");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("item 7 is 9");
        await Assertions.Expect(page.Locator("#flagged tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#flagged")).ToContainTextAsync("一般预警");
        await BrowserFixture.ScreenshotAsync(page, "screening-preview-1920");

        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入 2 条结果" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("新记录 2", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("发出预警 1");
        await Assertions.Expect(page.Locator("#progress")).ToHaveAttributeAsync("value", "2");

        // The switch reloads the page in English; the same file again is an import already done.
        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Preview" })).ToBeVisibleAsync();
        await page.Locator("#file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#earlier")).ToContainTextAsync("This file was imported before (completed");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import 2 results" })).ToBeDisabledAsync();
        // The language is the account's: give the psychology centre back its Chinese for the tests that share this server.
        await page.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "预览" })).ToBeVisibleAsync();
    }
}

[Collection(YearBeforeToday.Collection)]
public sealed class ScreeningPageTestsWithServerAYearBehind(YearBeforeToday browser) : ScreeningPageTests(browser);
