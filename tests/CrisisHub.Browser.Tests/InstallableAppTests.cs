using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// The installable app (issue 20, points 1 and 3): a manifest and a service worker; the last known inbox offline with
/// the time it was last updated; nothing personal kept after sign-out; and a flag made offline delivered exactly once
/// even though its page was closed before the network came back. Class ts2-g1-c1 is this class's (others only read one case there).
/// </summary>
public abstract class InstallableAppTests(BrowserFixture browser)
{
    private const string Teacher = "ts2-g1-c1-teacher";
    private const string Monitor = "ts2-g1-c1-monitor";
    private const string InboxCache = "crisishub-inbox";
    private static readonly string[] KeptAnswers = ["/api/alerts", "/api/auth/me", "/api/config", "/api/home"];
    private static readonly PageWaitForFunctionOptions Within15s = new() { Timeout = 15000 };

    [Fact]
    public async Task TheAppIsInstallableItsManifestNamesItsIconsAndItsServiceWorkerIsActive()
    {
        var page = await browser.SignInAsync(Teacher, BrowserFixture.Phone, "/inbox.html");

        (await page.Locator("head link[rel=manifest]").GetAttributeAsync("href")).ShouldBe("/manifest.webmanifest");
        var manifest = await page.APIRequest.GetAsync("/manifest.webmanifest");
        manifest.Status.ShouldBe(200);
        manifest.Headers["content-type"].ShouldStartWith("application/manifest+json");
        using var json = JsonDocument.Parse(await manifest.TextAsync());
        var root = json.RootElement;
        root.GetProperty("name").GetString().ShouldBe("CrisisHub 危机预警");
        root.GetProperty("start_url").GetString().ShouldBe("/");
        root.GetProperty("display").GetString().ShouldBe("standalone");
        var sizes = new List<string>();
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var image = await page.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            image.Status.ShouldBe(200);
            image.Headers["content-type"].ShouldBe("image/png");
            var bytes = await image.BodyAsync();
            bytes[..8].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, "a real PNG");
            // The IHDR chunk's width and height are what the manifest says.
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            icon.GetProperty("sizes").GetString().ShouldBe($"{width}x{height}");
            sizes.Add($"{width}x{height}");
        }

        sizes.ShouldContain("192x192");
        sizes.ShouldContain("512x512");

        // Registered at the root, active, and controlling the page.
        var worker = await page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).active.scriptURL");
        worker.ShouldBe(new Uri(browser.BaseAddress, "/sw.js").ToString());
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, Within15s);
        var script = await page.APIRequest.GetAsync("/sw.js");
        script.Headers["cache-control"].ShouldBe("no-cache");
        script.Headers["content-type"].ShouldStartWith("text/javascript");
        script.Headers["content-security-policy"].ShouldContain("worker-src 'self'");
        script.Headers["content-security-policy"].ShouldContain("manifest-src 'self'");
        // The shell is cached under the version /sw.js names.
        var version = System.Text.RegularExpressions.Regex.Match(await script.TextAsync(), "version: '([0-9a-f]{16})'").Groups[1].Value;
        version.ShouldNotBeEmpty();
        await TrueWithinAsync(page, $"async () => !!(await caches.open('crisishub-shell-{version}').then(c => c.match('/inbox.html')))");
    }

    [Fact]
    public async Task OfflineTheInboxShowsTheListLastSeenAndWhenThenSignOutForgetsIt()
    {
        var api = await ApiClient.SignInAsync(browser.Factory, Teacher);
        var flagged = await api.FlagAsync(TestSeed.Student("ts2-g1-c1", 17), "installable-inbox", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var page = await browser.SignInAsync(Teacher, BrowserFixture.Phone, "/inbox.html");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, Within15s);
        // A case page read online (the case, its student's data) must not be kept on the phone.
        await page.GotoAsync($"/case.html?id={caseId}");
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        await page.GotoAsync("/inbox.html");
        var card = page.Locator($"#alerts li[data-case='{caseId}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        var onlineCount = await page.Locator("#alerts li").CountAsync();
        await TrueWithinAsync(page, $"async () => !!(await caches.open('{InboxCache}').then(c => c.match('/api/alerts')))");

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();

        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#alerts li")).ToHaveCountAsync(onlineCount);
        var updated = await page.EvaluateAsync<string>($"async () => (await (await caches.open('{InboxCache}')).match('/api/alerts')).headers.get('x-server-time')");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone"));
        var hhmm = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(updated, System.Globalization.CultureInfo.InvariantCulture), zone).ToString("HH:mm");
        // The server's time of the kept answer: the fixture's server clock is a year away from the phone's.
        (DateTimeOffset.Parse(updated, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow).Duration().ShouldBeGreaterThan(TimeSpan.FromDays(300));
        await Assertions.Expect(page.Locator("#offline")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#offline")).ToHaveTextAsync($"离线 — 最后更新 {hhmm}");
        await BrowserFixture.ScreenshotAsync(page, "inbox-phone-offline-last-known");
        // Only the inbox's own answers are kept; the case, its student and the plan reviews the pages read are not.
        var kept = await CachedApiPathsAsync(page);
        kept.ShouldContain("/api/alerts");
        kept.ShouldAllBe(path => KeptAnswers.Contains(path));

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#offline")).ToBeHiddenAsync(new() { Timeout = 15000 });
        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        (await page.EvaluateAsync<bool>($"() => caches.has('{InboxCache}')")).ShouldBeFalse();
        // What the sign-in page itself reads (the public configuration) is all that is left.
        (await CachedApiPathsAsync(page)).ShouldBe(["/api/config"]);
    }

    /// <summary>
    /// With Background Sync (Chromium's) the worker may send it as soon as the network is back, no page open; without
    /// it (hidden from the pages here, as in browsers that lack it) only the app's next start can: both must deliver once.
    /// </summary>
    [Theory]
    [InlineData(true, 18)]
    [InlineData(false, 19)]
    public async Task AFlagMadeOfflineWhosePageWasClosedIsDeliveredExactlyOnceWhenTheAppNextStartsOnline(bool backgroundSync, int studentNumber)
    {
        var student = TestSeed.Student("ts2-g1-c1", studentNumber);
        var monitor = await browser.SignInAsync(Monitor, BrowserFixture.Phone, "/flag.html");
        var context = monitor.Context;
        if (!backgroundSync)
        {
            await context.AddInitScriptAsync("Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', { get: () => undefined });");
            await monitor.ReloadAsync();
        }

        await Assertions.Expect(monitor.Locator("#students label").First).ToBeVisibleAsync();
        await monitor.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, Within15s);

        await context.SetOfflineAsync(true);
        await monitor.GetByText($"学生{studentNumber}", new() { Exact = true }).ClickAsync();
        await monitor.GetByText("被欺凌").ClickAsync();
        await monitor.GetByRole(AriaRole.Button, new() { Name = "3. 发送" }).ClickAsync();
        await Assertions.Expect(monitor.GetByText("网络不通：已保存，联网后自动重新发送。")).ToBeVisibleAsync();
        var mine = monitor.Locator("#mine li").First;
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-status", "Pending");
        await Assertions.Expect(mine).ToContainTextAsync("尚未发送");
        var key = await mine.GetAttributeAsync("data-key");
        key.ShouldNotBeNullOrEmpty();
        await BrowserFixture.ScreenshotAsync(monitor, "flag-phone-not-yet-sent");
        await monitor.CloseAsync();
        var admin = await ApiClient.SignInAsync(browser.Factory, "admin");
        // Without Background Sync nothing can send it before the app starts again. With it, Chromium fires the sync on its own
        // connectivity, which the page's offline emulation does not govern (a worker woken for it may fetch before the
        // emulation reaches it): the worker may deliver it at once, page closed or not. Either way it must arrive exactly once.
        if (!backgroundSync)
            (await admin.GetAsync<Contracts.Network.StudentView>($"api/admin/students/{student}")).OpenCaseId.ShouldBeNull("nothing was sent while offline");

        // Back online with no page of the app open; then the app starts again (the home page, not the flag page).
        await context.SetOfflineAsync(false);
        var again = await context.NewPageAsync();
        await again.GotoAsync("/");
        await Assertions.Expect(again.Locator("#sign-out")).ToBeVisibleAsync();
        await TrueWithinAsync(again,
            "async key => (await (await import('/js/outbox.js')).flagsOf('" + Monitor + "')).some(f => f.key === key && f.state === 'sent')", key);

        var caseId = (await admin.GetAsync<Contracts.Network.StudentView>($"api/admin/students/{student}")).OpenCaseId;
        caseId.ShouldNotBeNull();
        var teacher = await ApiClient.SignInAsync(browser.Factory, Teacher);
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Flags.ShouldHaveSingleItem("delivered once, with its idempotency key");
        var reporter = await ApiClient.SignInAsync(browser.Factory, Monitor);
        (await reporter.Http.GetAsync($"api/flags/{key}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The flag page shows it sent; at sign-out the phone forgets it (it is the server's now).
        await again.GotoAsync("/flag.html");
        var shown = again.Locator($"#mine li[data-key='{key}']");
        await Assertions.Expect(shown).Not.ToHaveAttributeAsync("data-status", "Pending");
        await Assertions.Expect(shown).Not.ToContainTextAsync("尚未发送");
        await again.Locator("#sign-out").ClickAsync();
        await Assertions.Expect(again.Locator("#sign-in")).ToBeVisibleAsync();
        (await again.EvaluateAsync<int>("async () => (await (await import('/js/outbox.js')).flagsOf('" + Monitor + "')).length")).ShouldBe(0);
    }

    /// <summary>
    /// Waits for an async check in the page (caches and IndexedDB answer only asynchronously; Playwright's WaitForFunction
    /// takes a returned promise for a truthy answer, so it cannot wait on them).
    /// </summary>
    private static Task TrueWithinAsync(IPage page, string asyncCheck, object? arg = null) =>
        Eventually.Async(() => page.EvaluateAsync<bool>(asyncCheck, arg), done => done, TimeSpan.FromSeconds(15));

    /// <summary>The /api paths held in any of the origin's caches.</summary>
    private static async Task<string[]> CachedApiPathsAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        async () => {
          const paths = [];
          for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
          }
          return paths.filter(p => p.startsWith('/api/'));
        }
        """);
}

[Collection(YearBeforeToday.Collection)]
public sealed class InstallableAppTestsWithServerAYearBehind(YearBeforeToday browser) : InstallableAppTests(browser);

[Collection(YearAfterToday.Collection)]
public sealed class InstallableAppTestsWithServerAYearAhead(YearAfterToday browser) : InstallableAppTests(browser);
