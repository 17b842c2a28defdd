using CrisisHub.Contracts.Operations;
using CrisisHub.Server.Operations.Canary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrisisHub.Browser.Tests;

/// <summary>A failed canary run puts the operator alert on an open wallboard at once, and a later success takes it off.</summary>
[Collection(YearAfterToday.Collection)]
public sealed class OperatorAlertTests(YearAfterToday browser)
{
    [Fact]
    public async Task AFailedCanaryRunShowsOnTheOpenWallboardUntilARunSucceeds()
    {
        var wallboard = await browser.SignInAsync("ts1-duty", BrowserFixture.LargeScreen, $"/wallboard.html?scope={TestSeed.School}");
        var banner = wallboard.Locator("#canary-failing");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        var alerts = browser.Factory.Services.GetRequiredService<OperatorAlerts>();
        var at = browser.Clock.GetUtcNow();
        await alerts.CanaryReportedAsync(new CanaryReport("node-b", false, CanaryStage.Push, "no Raised push within 30 s", at, null, null, null));
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("node-b");
        await Assertions.Expect(wallboard.GetByRole(AriaRole.Alert).Filter(new() { HasText = "node-b" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(wallboard, "wallboard-canary-failing");

        // A reload reads the reports from the API, as a wallboard opened after the failure does.
        await wallboard.ReloadAsync();
        await Assertions.Expect(wallboard.Locator("#canary-failing")).ToContainTextAsync("node-b");

        await alerts.CanaryReportedAsync(new CanaryReport("node-b", true, CanaryStage.Done, null, at.AddMinutes(5), at.AddMinutes(5), 0.1, 61));
        await Assertions.Expect(wallboard.Locator("#canary-failing")).ToBeHiddenAsync();
    }
}
