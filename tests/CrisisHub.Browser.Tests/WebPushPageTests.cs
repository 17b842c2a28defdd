using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// Web Push on a phone (issue 20, point 2), end to end: the inbox subscribes the phone, an alert step makes the server push to
/// it, the push as the push service decrypted it is delivered to the service worker (DevTools protocol), the worker shows the
/// notification, and its "acknowledge" acknowledges the alert. Headless Chromium here reaches no push service of its own, so the
/// page's PushManager hands out a subscription at the fake push service on 127.0.0.1 (the one substitution; the server, the
/// encryption, the worker and the page are the real ones). Class ts2-g1-c1, students 11, 13 and 15.
/// </summary>
[Collection(YearBeforeToday.Collection)]
public sealed class WebPushPageTests(YearBeforeToday browser)
{
    private const string Teacher = "ts2-g1-c1-teacher";
    private static readonly PageWaitForFunctionOptions Within15s = new() { Timeout = 15000 };

    /// <summary>
    /// The browser's push service, as the page's PushManager sees it: subscribe() answers a subscription at the fake push
    /// service with the keys that service issued; unsubscribe() forgets it (and counts, so sign-out can be checked).
    /// </summary>
    private static string PushManagerAt(FakePushService.Device device) => $$"""
        (() => {
          const device = {{JsonSerializer.Serialize(device)}};
          const key = 'test.pushSubscription';
          const subscription = applicationServerKey => ({
            endpoint: device.Endpoint,
            options: { userVisibleOnly: true, applicationServerKey },
            toJSON: () => ({ endpoint: device.Endpoint, expirationTime: null, keys: { p256dh: device.P256dh, auth: device.Auth } }),
            unsubscribe: async () => { localStorage.removeItem(key); localStorage.setItem('test.unsubscribed', '1'); return true; },
          });
          PushManager.prototype.subscribe = async function (options) {
            localStorage.setItem(key, '1');
            localStorage.setItem('test.applicationServerKey', btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey))));
            return subscription(options.applicationServerKey);
          };
          PushManager.prototype.getSubscription = async function () { return localStorage.getItem(key) ? subscription(null) : null; };
        })();
        """;

    /// <summary>The context's service workers: Playwright tracks them for Chromium, but its .NET interface does not list them.</summary>
    private static IEnumerable<IWorker> ServiceWorkers(IBrowserContext context) =>
        (IEnumerable<IWorker>)context.GetType().GetProperty("ServiceWorkers")!.GetValue(context)!;

    /// <summary>A tap, as the phone's notification centre would dispatch it to the worker, on its first notification.</summary>
    private static Task TapAsync(IWorker worker, string action) => worker.EvaluateAsync<bool>("""
        async action => {
          const [notification] = await self.registration.getNotifications();
          try {
            self.dispatchEvent(new NotificationEvent('notificationclick', { notification, action }));
          } catch {
            // waitUntil refuses an event the browser did not make; the handler has run by then.
          }
          return true;
        }
        """, action);

    [Fact]
    public async Task APushedAlertIsShownByTheServiceWorkerAndAcknowledgedFromItsNotification()
    {
        var device = browser.PushService.NewDevice();
        var page = await browser.SignInAsync(Teacher, BrowserFixture.Phone);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.Context.AddInitScriptAsync(PushManagerAt(device));
        await page.GotoAsync("/inbox.html");

        // The inbox offers push; turning it on registers this phone with the server.
        var toggle = page.Locator("#push-toggle");
        await Assertions.Expect(toggle).ToHaveTextAsync("开启本机预警通知");
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("#push p[role=status]")).ToHaveTextAsync("本机已开启预警通知。");
        await Assertions.Expect(toggle).ToHaveTextAsync("关闭本机预警通知");
        var api = await ApiClient.SignInAsync(browser.Factory, Teacher);
        (await api.GetAsync<JsonElement[]>("api/push/devices")).Select(d => d.GetProperty("endpoint").GetString()).ShouldContain(device.Endpoint);
        // The page subscribed with this server's VAPID key (the push service checks every push is signed with it).
        var serverKey = (await api.GetAsync<JsonElement>("api/push/key")).GetProperty("publicKey").GetString()!;
        Convert.FromBase64String((await page.EvaluateAsync<string>("() => localStorage.getItem('test.applicationServerKey')"))!)
            .ShouldBe(System.Buffers.Text.Base64Url.DecodeFromChars(serverKey));
        browser.PushService.ExpectedVapidKey.ShouldBe(serverKey);

        // Off and on again: turning off forgets the phone on the server and unsubscribes it.
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveTextAsync("开启本机预警通知");
        (await api.GetAsync<JsonElement[]>("api/push/devices")).ShouldBeEmpty();
        (await page.EvaluateAsync<string?>("() => localStorage.getItem('test.unsubscribed')")).ShouldBe("1");
        await page.EvaluateAsync("() => localStorage.removeItem('test.unsubscribed')");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveTextAsync("关闭本机预警通知");
        (await api.GetAsync<JsonElement[]>("api/push/devices")).Select(d => d.GetProperty("endpoint").GetString()).ShouldBe([device.Endpoint]);

        // An alert step: the server pushes to the phone's push service, which decrypts it.
        var flagged = await api.FlagAsync(TestSeed.Student("ts2-g1-c1", 15), "web-push-page", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var push = (await Eventually.Async(() => Task.FromResult(browser.PushService.To(device)), p => p.Count >= 1)).Single();
        push.Payload.GetProperty("caseId").GetString().ShouldBe(caseId);

        // The push service hands it to the phone: DevTools delivers that very payload to the page's service worker.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var registration = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
                if (r.GetProperty("scopeURL").GetString() == new Uri(browser.BaseAddress, "/").ToString() && !r.GetProperty("isDeleted").GetBoolean())
                    registration.TrySetResult(r.GetProperty("registrationId").GetString()!);
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var registrationId = await registration.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Task DeliverAsync() => cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = browser.BaseAddress.GetLeftPart(UriPartial.Authority),
            ["registrationId"] = registrationId,
            ["data"] = push.Json,
        });
        await DeliverAsync();

        // The notification: the grade and the case code, an "acknowledge" action, nothing about the student.
        const string Shown = """
            async () => (await (await navigator.serviceWorker.ready).getNotifications())
              .map(n => ({ title: n.title, body: n.body, tag: n.tag, actions: n.actions.map(a => a.action), requireInteraction: n.requireInteraction }))
            """;
        await page.WaitForFunctionAsync($"async () => ({Shown})().then(list => list.length > 0)", null, Within15s);
        var notification = (await page.EvaluateAsync<JsonElement>(Shown)).EnumerateArray().Single();
        var view = await api.GetAsync<CaseView>($"api/cases/{caseId}");
        notification.GetProperty("title").GetString().ShouldBe($"严重预警 · {caseId}");
        notification.GetProperty("tag").GetString().ShouldBe($"case:{caseId}");
        notification.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["acknowledge"]);
        notification.GetProperty("requireInteraction").GetBoolean().ShouldBeTrue();
        notification.GetRawText().ShouldNotContain(view.StudentName);

        // A tap on the notification opens the case (in the app's open page); a tap on its "acknowledge" acknowledges the alert.
        var worker = ServiceWorkers(page.Context).Single(w => w.Url.EndsWith("/sw.js", StringComparison.Ordinal));
        await TapAsync(worker, "");
        await page.WaitForURLAsync(url => url.EndsWith($"/case.html?id={caseId}", StringComparison.Ordinal));
        (await page.EvaluateAsync<JsonElement>(Shown)).GetArrayLength().ShouldBe(0, "a tap closes the notification");
        (await api.GetAsync<CaseView>($"api/cases/{caseId}")).Status.ShouldNotBe(CaseStatus.Acknowledged, "opening is not acknowledging");

        await DeliverAsync();
        await page.WaitForFunctionAsync($"async () => ({Shown})().then(list => list.length > 0)", null, Within15s);
        await TapAsync(worker, "acknowledge");
        await Eventually.Async(() => api.GetAsync<CaseView>($"api/cases/{caseId}"), c => c.Status == CaseStatus.Acknowledged);
        await page.WaitForFunctionAsync($"async () => ({Shown})().then(list => list.some(n => n.title === '已确认 · {caseId}' && n.actions.length === 0))",
            null, Within15s);

        // Signing out: the phone unsubscribes, and the server has no device of this account left.
        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        (await page.EvaluateAsync<string?>("() => localStorage.getItem('test.unsubscribed')")).ShouldBe("1");
        var again = await ApiClient.SignInAsync(browser.Factory, Teacher);
        (await again.GetAsync<JsonElement[]>("api/push/devices")).ShouldBeEmpty();

        // A notification still on the phone, tapped without a session: the sign-in page opens and will lead to the case.
        await DeliverAsync();
        await page.WaitForFunctionAsync($"async () => ({Shown})().then(list => list.length > 0)", null, Within15s);
        await TapAsync(ServiceWorkers(page.Context).Last(w => w.Url.EndsWith("/sw.js", StringComparison.Ordinal)), "acknowledge");
        await page.WaitForURLAsync(url => url.EndsWith($"/?next={Uri.EscapeDataString($"/case.html?id={caseId}")}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWallboardSaysWhenWebPushIsFailingAndWhenItRecovers()
    {
        var wallboard = await browser.SignInAsync("ts2-duty", BrowserFixture.LargeScreen, "/wallboard.html?scope=ts2");
        var banner = wallboard.Locator("#push-degraded");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        var teacher = await ApiClient.SignInAsync(browser.Factory, Teacher);
        async Task<FakePushService.Device> SubscribeAsync()
        {
            var device = browser.PushService.NewDevice();
            (await teacher.PostAsync("api/push/devices", new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh, auth = device.Auth } }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            return device;
        }

        // Three refusals in a row: every wallboard says so, live.
        var failing = new[] { await SubscribeAsync(), await SubscribeAsync(), await SubscribeAsync() };
        foreach (var device in failing) browser.PushService.Script(device, 500);
        (await teacher.FlagAsync(TestSeed.Student("ts2-g1-c1", 11), "web-push-failing", ObservedSign.SelfHarm)).EnsureSuccessStatusCode();
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(banner).ToHaveTextAsync("网页推送通道异常：预警仍通过页面和短信送达。");
        await BrowserFixture.ScreenshotAsync(wallboard, "wallboard-web-push-degraded");

        // The service takes pushes again: the banner goes.
        (await teacher.FlagAsync(TestSeed.Student("ts2-g1-c1", 13), "web-push-recovered", ObservedSign.SelfHarm)).EnsureSuccessStatusCode();
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 15000 });
        foreach (var device in failing)
            (await teacher.PostAsync("api/push/devices/remove", new { endpoint = device.Endpoint })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
