using CrisisHub.Contracts.Operations;

namespace CrisisHub.Grains.Operations;

/// <summary>The latest canary report of every node, in memory (see <see cref="ICanaryReportsGrain"/>).</summary>
public sealed class CanaryReportsGrain : Grain, ICanaryReportsGrain
{
    private readonly Dictionary<string, CanaryReport> _latest = new(StringComparer.Ordinal);

    public Task ReportAsync(CanaryReport report)
    {
        if (!_latest.TryGetValue(report.Node, out var known) || known.At <= report.At) _latest[report.Node] = report;
        return Task.CompletedTask;
    }

    public Task<CanaryReport[]> ListAsync() => Task.FromResult(_latest.Values.OrderBy(r => r.Node, StringComparer.Ordinal).ToArray());
}
