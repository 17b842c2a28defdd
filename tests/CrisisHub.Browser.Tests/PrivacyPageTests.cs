using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

/// <summary>The privacy pages in Chromium: emergency access from a refused case page, its review, the oversight view and "who read".</summary>
public abstract class PrivacyPageTests(BrowserFixture browser)
{
    private async Task<string> MajorCaseAsync(int student, string key)
    {
        var teacher = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-teacher");
        var response = await teacher.PostFlagAsync(new { studentId = TestSeed.Student(TestSeed.Class, student), signs = new[] { "SaidTheyIntendToAct" },
            note = "standing by the window" }, key);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task ATeacherOfAnotherGradeOpensAMajorCaseInAnEmergencyAndThePsychologyCentreReviewsIt()
    {
        var caseId = await MajorCaseAsync(14, "browser-break-glass");
        var page = await browser.SignInAsync("ts1-g2-c1-teacher", BrowserFixture.Phone, $"/case.html?id={caseId}");
        await Assertions.Expect(page.Locator("#refused")).ToBeVisibleAsync();
        var form = page.Locator("#break-glass-form");
        await Assertions.Expect(form).ToBeVisibleAsync();

        await form.GetByRole(AriaRole.Button, new() { Name = "紧急打开个案" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-field=reason][aria-invalid=true]")).ToBeVisibleAsync();
        await page.GetByLabel("原因（必填）").FillAsync("班主任联系不上，学生在宿舍楼顶");
        await form.GetByRole(AriaRole.Button, new() { Name = "紧急打开个案" }).ClickAsync();
        await Assertions.Expect(page.Locator("#case")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#flags")).ToContainTextAsync("standing by the window");
        await Assertions.Expect(page.Locator("#refused")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("紧急访问");
        // What the access allows, and only that: the page says so and offers no grade, closing, consent or referral form.
        await Assertions.Expect(page.Locator("#emergency-access")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#action-form")).ToBeVisibleAsync();
        foreach (var hidden in new[] { "#grade-form", "#close-form" }) await Assertions.Expect(page.Locator(hidden)).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page, "case-phone-break-glass");

        var psych = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.LargeScreen, "/privacy.html");
        var awaiting = psych.Locator("#awaiting li", new() { HasText = caseId });
        await Assertions.Expect(awaiting).ToContainTextAsync("班主任联系不上");
        await awaiting.GetByLabel("说明").FillAsync("班主任当时在外地，访问正当");
        await awaiting.GetByRole(AriaRole.Button, new() { Name = "保存复核" }).ClickAsync();
        await Assertions.Expect(psych.Locator("#reviewed li", new() { HasText = caseId })).ToContainTextAsync("正当");
        await Assertions.Expect(psych.Locator("#awaiting li", new() { HasText = caseId })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(psych, "privacy-1920");
    }

    [Fact]
    public async Task ADutyOfficerReadsAMaskedCaseAndThePsychologyCentreSeesWhoReadIt()
    {
        var caseId = await MajorCaseAsync(15, "browser-oversight");
        var duty = await browser.SignInAsync("ts1-duty", BrowserFixture.Phone, $"/case.html?id={caseId}");
        await Assertions.Expect(duty.Locator("#case-title")).ToContainTextAsync("*");
        await Assertions.Expect(duty.Locator("#case-title")).Not.ToContainTextAsync("学生15");
        await Assertions.Expect(duty.Locator("#flags li")).ToHaveCountAsync(1);
        await Assertions.Expect(duty.Locator("#flags")).Not.ToContainTextAsync("standing by the window");
        await Assertions.Expect(duty.Locator("#reads-link")).ToBeHiddenAsync();

        var psych = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.LargeScreen, $"/case.html?id={caseId}");
        await psych.Locator("#reads-link a").ClickAsync();
        var reads = psych.Locator("#reads table");
        await Assertions.Expect(reads).ToContainTextAsync("ts1-duty");
        await Assertions.Expect(reads).ToContainTextAsync("个案");
        await Assertions.Expect(psych.Locator("#reads p.ok")).ToBeVisibleAsync();
    }
}

[Collection(YearBeforeToday.Collection)]
public sealed class PrivacyPageTestsWithServerAYearBehind(YearBeforeToday browser) : PrivacyPageTests(browser);

[Collection(YearAfterToday.Collection)]
public sealed class PrivacyPageTestsWithServerAYearAhead(YearAfterToday browser) : PrivacyPageTests(browser);
