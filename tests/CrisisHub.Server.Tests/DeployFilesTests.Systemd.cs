using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Tests;

public sealed partial class DeployFilesTests
{
    /// <summary>
    /// A refusal that restarting cannot cure (a taken port, a folder in use, bad configuration) keeps the unit down; an
    /// unreachable Redis is retried, slowly. Either way no tight restart loop.
    /// </summary>
    [Theory]
    [InlineData("systemd/crisishub.service")]
    [InlineData("systemd/crisishub-node@.service")]
    public void SystemdRestartsOnlyWhatARestartCanCureAndNotInATightLoop(string unit)
    {
        var settings = File.ReadAllLines(Path.Combine(Deploy, unit))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2)).GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.Last()[1].Trim());

        var prevented = settings["RestartPreventExitStatus"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        prevented.ShouldBe([StartupFailure.PortInUse, StartupFailure.DataFolderInUse, StartupFailure.InvalidConfiguration], ignoreOrder: true);
        prevented.ShouldNotContain(StartupFailure.RedisUnreachable);
        TimeSpan.FromSeconds(int.Parse(settings["RestartSec"])).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5));
    }
}
