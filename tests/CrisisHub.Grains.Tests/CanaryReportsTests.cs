using CrisisHub.Contracts.Operations;

namespace CrisisHub.Grains.Tests;

/// <summary>The cluster's canary reports: the latest per node, and a node silent for half an hour drops out of the wallboards' banner.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CanaryReportsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task EachNodesLatestReportIsKeptAndANodeSilentForHalfAnHourIsForgotten()
    {
        var reports = cluster.Grains.GetGrain<ICanaryReportsGrain>($"test-{Guid.NewGuid():N}");
        var now = cluster.Clock.GetUtcNow();
        await reports.ReportAsync(new CanaryReport("node-a", false, CanaryStage.Push, "no Raised push within 30 s", now, null, null, null));
        await reports.ReportAsync(new CanaryReport("node-a", true, CanaryStage.Done, null, now.AddMinutes(-5), now.AddMinutes(-5), 0.1, 61));
        await reports.ReportAsync(new CanaryReport("node-b", true, CanaryStage.Done, null, now, now, 0.1, 61));

        var listed = await reports.ListAsync();
        listed.Select(r => (r.Node, r.Succeeded)).ShouldBe([("node-a", false), ("node-b", true)], "a late, older report does not replace a newer one");

        cluster.Clock.Advance(TimeSpan.FromMinutes(31));
        await reports.ReportAsync(new CanaryReport("node-b", true, CanaryStage.Done, null, cluster.Clock.GetUtcNow(), cluster.Clock.GetUtcNow(), 0.1, 61));
        (await reports.ListAsync()).Select(r => r.Node).ShouldBe(["node-b"]);
    }
}
