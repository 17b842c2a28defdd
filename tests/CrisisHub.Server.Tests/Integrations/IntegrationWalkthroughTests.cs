using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CrisisHub.Server.Tests.Integrations;

/// <summary>
/// docs/integrations.md runs as written: every bash block, in order, against a fresh server with the demo district (as
/// the README starts it), with the demo's own defaults. Only where the server listens differs. The blocks check their
/// own answers (jq -e, grep -q) under "set -euo pipefail", so a step that no longer works fails the test.
/// </summary>
public sealed partial class IntegrationWalkthroughTests : IAsyncLifetime
{
    private CrisisHubFactory _demo = null!;

    public Task InitializeAsync()
    {
        // A data folder without seed.json: the server seeds the demo district, as `dotnet run` does on a fresh machine.
        var folder = Path.Combine(Path.GetTempPath(), "crisishub-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _demo = new CrisisHubFactory(folder, CrisisHubFactory.NewClock());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _demo.DisposeAsync();

    [GeneratedRegex(@"^```sh\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    public static string DocPath => Path.Combine(RepositoryRoot(), "docs", "integrations.md");

    [Fact]
    public async Task EveryStepOfTheIntegratorsWalkthroughWorksAgainstTheDemoServer()
    {
        var blocks = ShellBlock().Matches(await File.ReadAllTextAsync(DocPath)).Select(m => m.Groups["code"].Value).ToArray();
        blocks.Length.ShouldBeGreaterThanOrEqualTo(7, "the walkthrough's steps");
        var script = Path.Combine(Path.GetTempPath(), $"walkthrough-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "set -euo pipefail\n" + string.Join("\n", blocks));
        await WaitForDemoSeedAsync();

        var run = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        run.Environment["BASE"] = _demo.BaseAddress.ToString().TrimEnd('/');
        using var process = Process.Start(run)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        File.Delete(script);

        var said = await output;
        process.ExitCode.ShouldBe(0, $"stdout:\n{said}\nstderr:\n{await errors}");
        said.ShouldContain("whoami: ok");
        said.ShouldContain("signal by number: Matched, retried safely");
        said.ShouldContain("signal by hints: AwaitingMatch");
        said.ShouldContain("bad input: kind, occurredAt named");
        said.ShouldContain("signed signal: AwaitingMatch");
        said.ShouldContain("screening import:");
    }

    /// <summary>The demo seed is written as the server starts: the walkthrough's first call needs its administrator.</summary>
    private async Task WaitForDemoSeedAsync()
    {
        var http = _demo.CreateClient();
        await Eventually.Async(async () => (await http.PostAsJsonAsync("api/auth/token", new { userName = "admin", password = "crisishub-demo" })).StatusCode,
            status => status == HttpStatusCode.OK);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("CrisisHub.sln not found above the test's folder.");
    }
}
