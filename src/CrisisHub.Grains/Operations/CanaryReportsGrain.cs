using CrisisHub.Contracts.Operations;

namespace CrisisHub.Grains.Operations;

/// <summary>
/// The latest canary report of every node, in memory (see <see cref="ICanaryReportsGrain"/>). A node that stopped reporting
/// (removed, renamed) drops out after <see cref="Forgotten"/>, so its last failure does not stay on the wallboards for ever.
/// </summary>
public sealed class CanaryReportsGrain([Microsoft.Extensions.DependencyInjection.FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : Grain, ICanaryReportsGrain
{
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(30);

    private readonly Dictionary<string, CanaryReport> _latest = new(StringComparer.Ordinal);

    public Task ReportAsync(CanaryReport report)
    {
        if (!_latest.TryGetValue(report.Node, out var known) || known.At <= report.At) _latest[report.Node] = report;
        return Task.CompletedTask;
    }

    public Task<CanaryReport[]> ListAsync()
    {
        var since = time.GetUtcNow() - Forgotten;
        foreach (var stale in _latest.Values.Where(r => r.At < since).ToList()) _latest.Remove(stale.Node);
        return Task.FromResult(_latest.Values.OrderBy(r => r.Node, StringComparer.Ordinal).ToArray());
    }
}
