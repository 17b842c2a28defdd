extern alias Bench;

using Bench::CrisisHub.Load;
using Xunit.Abstractions;

namespace CrisisHub.Server.Tests;

/// <summary>
/// The load benchmark's smoke run (the issue: "it runs, it reports, nothing lost"): a two-school district, a few
/// seconds of every scenario against the real server process. Its numbers are read from the report, never asserted
/// here — a timed assertion on a shared two-core machine would test the machine.
/// </summary>
public sealed class LoadBenchmarkSmokeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"crisishub-load-smoke-{Guid.NewGuid():N}");

    [Fact]
    public async Task TheQuickRunMeasuresEveryScenarioWritesBothReportsAndLosesNoAlert()
    {
        var log = new StringWriter();
        var report = await LoadBenchmark.RunAsync(LoadOptions.Quick with { Out = _out }, log);
        output.WriteLine(log.ToString());

        File.ReadAllText(Path.Combine(_out, LoadBenchmark.JsonFile)).ShouldContain("\"rates\"");
        File.ReadAllText(Path.Combine(_out, LoadBenchmark.MarkdownFile)).ShouldContain("| product |");
        report.Rates.Select(r => r.System).ShouldBe(["floor", "product"]);
        foreach (var run in report.Rates)
        {
            run.Flags.ShouldBeGreaterThan(0);
            run.Lost.ShouldBe(0, $"{run.System}: every answered flag's alert arrives");
            run.Errors.ShouldBe(0, $"{run.System}: every flag is answered 2xx");
            run.ReceiversDropped.ShouldBe(0);
            run.Latency.Count.ShouldBe(run.Flags, $"{run.System}: every flag is matched to its push");
        }

        var deadlines = report.Deadlines.ShouldNotBeNull();
        deadlines.PendingDeadlines.ShouldBe(LoadOptions.Quick.PendingDeadlines);
        deadlines.ExpectedSteps.ShouldBeGreaterThan(0);
        deadlines.Missing.ShouldBe(0, "every probe step fires and is heard");
        deadlines.ProbeErrors.ShouldBe(0);
        var idle = report.Idle.ShouldNotBeNull();
        idle.Opened.ShouldBe(LoadOptions.Quick.IdleConnections);
        idle.Dropped.ShouldBe(0);
        report.Targets.ShouldNotBeEmpty();
    }

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }
}
