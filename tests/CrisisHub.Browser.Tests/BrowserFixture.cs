using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// The real server on a real port and Debian's Chromium driven by Playwright. Never downloads a browser:
/// tests/run.sh installs the chromium package when it is missing. The server's clock is fake and starts far
/// from the browser's real one (a year before today, or a year after): the pages must count time on the
/// server's clock, so every browser test runs under both (see <see cref="YearBeforeToday"/>).
/// </summary>
public abstract class BrowserFixture(DateTimeOffset serverClockStart) : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 640 };
    public static readonly ViewportSize LargeScreen = new() { Width = 1920, Height = 1080 };

    public FakeTimeProvider Clock { get; } = new(serverClockStart);
    public CrisisHubFactory Factory { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress => Factory.BaseAddress;

    /// <summary>Screenshots land in TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = LocateScreenshotFolder();

    /// <summary>The push service the server sends to in place of a browser's (headless Chromium here has none it can reach).</summary>
    public FakePushService PushService { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PushService = await FakePushService.StartAsync();
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock, settings: FakePushService.ServerSettings());
        _ = Factory.BaseAddress;
        // Every push must be signed with the key this server hands its pages.
        var anyone = await ApiClient.SignInAsync(Factory, "ts1-g1-c1-teacher");
        PushService.ExpectedVapidKey = (await anyone.GetAsync<System.Text.Json.JsonElement>("api/push/key")).GetProperty("publicKey").GetString();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out of this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) signed in as the user through the sign-in page; with
    /// <paramref name="clockSkew"/>, the browser's own clock runs that far from the machine's.
    /// </summary>
    public async Task<IPage> SignInAsync(string userName, ViewportSize viewport, string? then = null, TimeSpan? clockSkew = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, BaseURL = BaseAddress.ToString(), Locale = "zh-CN" });
        // The phone's clock is the machine's, shifted; it keeps running (Playwright's clock is not paused).
        if (clockSkew is { } skew) await context.Clock.InstallAsync(new ClockInstallOptions { TimeDate = DateTime.UtcNow + skew });
        var page = await context.NewPageAsync();
        await page.GotoAsync(then is null ? "/" : $"/?next={Uri.EscapeDataString(then)}");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(TestSeed.Password);
        // The sign-in's own answer is awaited and reported: a refusal (or no request at all) fails here with what happened,
        // instead of as a 30 s wait for a URL that never changes.
        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/auth/login", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        IResponse response;
        try
        {
            response = await answer;
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Signing in {userName}: the page sent no sign-in request; it shows '{await FormErrorsAsync(page)}' at {page.Url}");
        }

        if (!response.Ok)
            throw new InvalidOperationException($"Signing in {userName}: the server answered {response.Status} {await response.TextAsync()}");
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("next="));
            await page.Locator("#sign-out").WaitForAsync();
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Signing in {userName}: signed in, but the page stayed at {page.Url} showing '{await FormErrorsAsync(page)}'");
        }

        return page;
    }

    private static async Task<string> FormErrorsAsync(IPage page) =>
        string.Join(" | ", await page.Locator(".form-error, .field-error, [role=alert]").AllInnerTextsAsync());

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    private static string LocateScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
        await PushService.DisposeAsync();
    }
}

/// <summary>Today's date at 08:00 UTC, moved by whole days: the time of day stays that of the original fixture.</summary>
internal static class ServerClockStart
{
    public static DateTimeOffset DaysFromToday(int days) => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(days).AddHours(8);
}

/// <summary>The server's clock starts a year before today (the browser's clock is today's).</summary>
public sealed class YearBeforeToday() : BrowserFixture(ServerClockStart.DaysFromToday(-365))
{
    public const string Collection = "browser, server a year behind";
}

/// <summary>The server's clock starts a year after today.</summary>
public sealed class YearAfterToday() : BrowserFixture(ServerClockStart.DaysFromToday(365))
{
    public const string Collection = "browser, server a year ahead";
}

[CollectionDefinition(YearBeforeToday.Collection)]
public sealed class YearBeforeTodayCollection : ICollectionFixture<YearBeforeToday>;

[CollectionDefinition(YearAfterToday.Collection)]
public sealed class YearAfterTodayCollection : ICollectionFixture<YearAfterToday>;
