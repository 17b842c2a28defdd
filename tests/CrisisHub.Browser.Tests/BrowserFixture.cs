using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Browser.Tests;

/// <summary>
/// The real server on a real port and Debian's Chromium driven by Playwright. Never downloads a browser:
/// tests/run.sh installs the chromium package when it is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 640 };
    public static readonly ViewportSize LargeScreen = new() { Width = 1920, Height = 1080 };

    public FakeTimeProvider Clock { get; } = CrisisHubFactory.NewClock();
    public CrisisHubFactory Factory { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress => Factory.BaseAddress;

    /// <summary>Screenshots land in TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = LocateScreenshotFolder();

    public async Task InitializeAsync()
    {
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock);
        _ = Factory.BaseAddress;
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

    /// <summary>A fresh browser context (its own cookies) signed in as the user through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string userName, ViewportSize viewport, string? then = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, BaseURL = BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(then is null ? "/" : $"/?next={Uri.EscapeDataString(then)}");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(TestSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("next="));
        await page.Locator("#sign-out").WaitForAsync();
        return page;
    }

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
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
