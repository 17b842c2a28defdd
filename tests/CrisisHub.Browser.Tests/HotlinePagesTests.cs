namespace CrisisHub.Browser.Tests;

/// <summary>A server of its own for the hotline pages: editing district td's directory changes what every page of it shows.</summary>
public sealed class HotlinePagesServer() : BrowserFixture(ServerClockStart.DaysFromToday(0));

/// <summary>
/// The hotline directory in Chromium: the sign-in page shows the national lines; the district administrator edits td's
/// lines on the admin page (a bad number is refused next to its field); then the home page's bar, the flag receipt and the
/// safety plan show td's numbers.
/// </summary>
public sealed class HotlinePagesTests(HotlinePagesServer browser) : IClassFixture<HotlinePagesServer>
{
    private const string DistrictLine = "0532-85669120";

    [Fact]
    public async Task TheDistrictsEditedNumbersShowOnTheHomePageTheFlagReceiptAndTheSafetyPlan()
    {
        var anonymous = await (await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), Locale = "zh-CN" })).NewPageAsync();
        await anonymous.GotoAsync("/");
        await Assertions.Expect(anonymous.Locator("nav.hotlines a[href='tel:12356']")).ToContainTextAsync("心理援助热线");
        await Assertions.Expect(anonymous.Locator("nav.hotlines a[href='tel:12320']")).ToBeVisibleAsync();

        var admin = await browser.SignInAsync("admin", BrowserFixture.LargeScreen, "/admin.html");
        var form = admin.Locator($"#hotlines-{TestSeed.District}");
        await Assertions.Expect(form.Locator(".hotline-row")).ToHaveCountAsync(3);
        var first = form.Locator(".hotline-row").First;
        await first.Locator("[name=number]").FillAsync("call us");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存热线目录" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-field='entries[0].number'][aria-invalid=true]")).ToBeVisibleAsync();

        await first.Locator("[name=name]").FillAsync("青岛心理援助热线");
        await first.Locator("[name=number]").FillAsync(DistrictLine);
        await first.Locator("[name=hours]").FillAsync("24小时");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存热线目录" }).ClickAsync();
        form = admin.Locator($"#hotlines-{TestSeed.District}");
        await Assertions.Expect(form).ToContainTextAsync("本区县的热线");
        await Assertions.Expect(form.Locator(".hotline-row [name=number]").First).ToHaveValueAsync(DistrictLine);
        await BrowserFixture.ScreenshotAsync(admin, "admin-hotlines-1920");

        // The monitor's home page and flag receipt.
        var monitor = await browser.SignInAsync("ts1-g1-c1-monitor", BrowserFixture.Phone);
        await Assertions.Expect(monitor.Locator($"nav.hotlines a[href='tel:{DistrictLine}']")).ToContainTextAsync("青岛心理援助热线");
        await Assertions.Expect(monitor.Locator("nav.hotlines a[href='tel:12320']")).ToHaveCountAsync(0, new() { Timeout = 1000 });
        await monitor.GotoAsync("/flag.html");
        await monitor.GetByText(TestSeed.StudentName).ClickAsync();
        await monitor.GetByText("自伤（如割伤）").ClickAsync();
        await monitor.GetByRole(AriaRole.Button, new() { Name = "3. 发送" }).ClickAsync();
        var receipt = monitor.Locator("#result");
        await Assertions.Expect(receipt).ToContainTextAsync("已收到");
        await Assertions.Expect(receipt.Locator($"#receipt-hotlines a[href='tel:{DistrictLine}']")).ToBeVisibleAsync();
        await Assertions.Expect(receipt).ToContainTextAsync("24小时");
        await Assertions.Expect(receipt.Locator("a[href='tel:12320']")).ToHaveCountAsync(0, new() { Timeout = 1000 });
        await BrowserFixture.ScreenshotAsync(monitor, "flag-receipt-hotlines-phone");

        // The safety plan: beside its own "professionals and hotlines", read-only.
        var psych = await browser.SignInAsync(TestSeed.Psychologist, BrowserFixture.LargeScreen, $"/plan.html?student={TestSeed.Student(TestSeed.Class, 7)}");
        await Assertions.Expect(psych.Locator($"#form-hotlines a[href='tel:{DistrictLine}']")).ToBeVisibleAsync();
        await Assertions.Expect(psych.Locator("#plan-form")).ToContainTextAsync("区县求助热线");
    }
}
