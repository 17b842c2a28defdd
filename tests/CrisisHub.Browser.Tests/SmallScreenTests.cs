using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// On a 360 × 640 phone the one thing each page is for (flag, acknowledge, accept a referral) shows without scrolling, every
/// control is a thumb-sized target (44 px) and nothing runs off the side; the wallboard reads from across a room on a 1080p TV.
/// </summary>
public abstract class SmallScreenTests(BrowserFixture browser)
{
    private const int Target = 44;

    [Fact]
    public async Task TheFlagPageSendsFromTheFirstScreen()
    {
        var page = await browser.SignInAsync(AccessibilitySubject.Teacher, BrowserFixture.Phone, "/flag.html");
        await Assertions.Expect(page.Locator("#flag-form")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertOnFirstScreenAsync(page, page.Locator("#flag-form button[type=submit]"), "flag.html: send");
        await AssertFitsThePhoneAsync(page, "flag.html");
        await BrowserFixture.ScreenshotAsync(page, "flag-phone-360");
    }

    [Fact]
    public async Task TheInboxAndTheCasePageAcknowledgeFromTheFirstScreen()
    {
        // A case the head teacher has not acknowledged: the class monitor flags it.
        var monitor = await ApiClient.SignInAsync(browser.Factory, "ts1-g1-c1-monitor");
        var flagged = await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 13), "small-screen-ack", ObservedSign.Distress);
        flagged.EnsureSuccessStatusCode();

        var inbox = await browser.SignInAsync(AccessibilitySubject.Teacher, BrowserFixture.Phone, "/inbox.html");
        var unacknowledged = inbox.Locator("#alerts li").Filter(new() { Has = inbox.Locator("button.ack") }).First;
        await Assertions.Expect(unacknowledged).ToBeVisibleAsync();
        var caseId = await unacknowledged.GetAttributeAsync("data-case");
        await inbox.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertOnFirstScreenAsync(inbox, inbox.Locator("#alerts button.ack").First, "inbox.html: acknowledge the first alert");
        await AssertFitsThePhoneAsync(inbox, "inbox.html");
        await BrowserFixture.ScreenshotAsync(inbox, "inbox-phone-360");

        var casePage = await browser.SignInAsync(AccessibilitySubject.Teacher, BrowserFixture.Phone, $"/case.html?id={caseId}");
        await Assertions.Expect(casePage.Locator("#ack")).ToBeVisibleAsync();
        await casePage.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertOnFirstScreenAsync(casePage, casePage.Locator("#ack"), "case.html: acknowledge");
        await AssertFitsThePhoneAsync(casePage, "case.html");
        await BrowserFixture.ScreenshotAsync(casePage, "case-phone-360");
    }

    [Fact]
    public async Task TheHospitalDeskAcceptsAReferralFromTheFirstScreen()
    {
        var subject = await AccessibilitySubject.ForAsync(browser);
        var desk = await browser.SignInAsync(AccessibilitySubject.Desk, BrowserFixture.Phone, $"/hospital.html?id={subject.ReferralId}");
        var accept = desk.Locator("#step-form button[value=Accepted]");
        await Assertions.Expect(accept).ToBeVisibleAsync();
        await desk.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertOnFirstScreenAsync(desk, accept, "hospital.html: accept");
        await AssertFitsThePhoneAsync(desk, "hospital.html");
        await BrowserFixture.ScreenshotAsync(desk, "hospital-phone-360");
    }

    [Fact]
    public async Task TheWallboardFillsA1080pTelevisionWithLargeTextThatPassesAxe()
    {
        await AccessibilitySubject.ForAsync(browser);
        var board = await browser.SignInAsync("ts1-duty", BrowserFixture.LargeScreen, $"/wallboard.html?scope={TestSeed.School}");
        await Assertions.Expect(board.Locator(".wb-card").First).ToBeVisibleAsync();
        await board.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await board.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(BrowserFixture.LargeScreen.Width, "the wallboard runs off the side of the TV");
        var small = await board.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.wb-card, .wb-card *, .wb-counts, .wb-counts *, .wb-top, .wb-top *')]
              .filter(e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()) && e.checkVisibility())
              .map(e => [e, parseFloat(getComputedStyle(e).fontSize)])
              .filter(([, size]) => size < 24)
              .map(([e, size]) => `${e.className || e.tagName} "${e.textContent.trim().slice(0, 30)}" at ${size}px`)
            """);
        small.ShouldBeEmpty("text on the wallboard is under 24 px: " + string.Join("; ", small));
        var card = await board.Locator(".wb-card").First.BoundingBoxAsync();
        (card!.X + card.Width).ShouldBeLessThanOrEqualTo(BrowserFixture.LargeScreen.Width);
        await AccessibilityTests.AssertNoSeriousViolationAsync(board, "wallboard.html at 1920×1080");
        await BrowserFixture.ScreenshotAsync(board, "wallboard-tv-1080p");
    }

    private static async Task AssertOnFirstScreenAsync(IPage page, ILocator action, string what)
    {
        (await page.EvaluateAsync<double>("() => window.scrollY")).ShouldBe(0, $"{what}: the page scrolled by itself");
        var box = await action.BoundingBoxAsync();
        box.ShouldNotBeNull($"{what} is not shown");
        var viewport = page.ViewportSize!;
        (box.Y >= 0 && box.X >= 0 && box.Y + box.Height <= viewport.Height && box.X + box.Width <= viewport.Width)
            .ShouldBeTrue($"{what} is at ({box.X}, {box.Y}) {box.Width}×{box.Height}, outside the first {viewport.Width}×{viewport.Height} screen");
    }

    /// <summary>
    /// Every control at least 44 px high (buttons also wide); a box or radio counts by its label, which is what the thumb
    /// hits. No horizontal scrolling.
    /// </summary>
    private static async Task AssertFitsThePhoneAsync(IPage page, string what)
    {
        (await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(BrowserFixture.Phone.Width, $"{what} scrolls sideways");
        var small = await page.EvaluateAsync<string[]>($$"""
            () => [...document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, summary')]
              .filter(e => e.checkVisibility())
              .map(e => {
                const target = e.matches('input[type=checkbox], input[type=radio]') ? (e.closest('label') ?? e) : e;
                const box = target.getBoundingClientRect();
                const tooSmall = box.height < {{Target}} || (e.tagName === 'BUTTON' && box.width < {{Target}});
                return tooSmall ? `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className.split(' ').join('.') : ''} "${(e.textContent || e.name || '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}` : null;
              })
              .filter(Boolean)
            """);
        small.ShouldBeEmpty($"{what}: targets under {Target} px: " + string.Join("; ", small));
    }
}

// One server is enough: what is checked (names, contrast, sizes) does not depend on the server's date, and each run of
// every page in two languages costs minutes of the suite.
[Collection(YearBeforeToday.Collection)]
public sealed class SmallScreenTestsWithServerAYearBehind(YearBeforeToday browser) : SmallScreenTests(browser);
