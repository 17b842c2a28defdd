using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Server.Admin;

namespace CrisisHub.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ThreeNodesFormOneClusterAndAFlagPostedToOneReachesAHubClientOnAnother()
    {
        var admin = await cluster.SignInAsync(cluster.Nodes[0], "admin");
        var members = await admin.GetAsync<CrisisHub.Server.Admin.ClusterMember[]>("api/admin/diagnostics/cluster");
        members.Count(m => m.Status == "Active").ShouldBe(3);
        foreach (var node in cluster.Nodes)
            (await new HttpClient { BaseAddress = node.BaseAddress }.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var onB = await (await cluster.SignInAsync(cluster.Nodes[1], "ts1-g1-c1-teacher")).ConnectHubAsync();
        var monitorOnA = await cluster.SignInAsync(cluster.Nodes[0], "ts1-g1-c1-monitor");

        (await monitorOnA.FlagAsync(TestSeed.Student(TestSeed.Class, 2), "cluster-1", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var raised = await onB.WaitForAsync(n => n.Kind == AlertEventKind.Raised && n.Alert.ClassId == TestSeed.Class, TimeSpan.FromSeconds(15));
        // A bearer token issued by node A is good on node C: the data-protection keys are shared in Redis.
        var teacherOnC = new ApiClient(new HttpClient { BaseAddress = cluster.Nodes[2].BaseAddress }, cluster.Nodes[2].BaseAddress,
            (await cluster.SignInAsync(cluster.Nodes[0], "ts1-g1-c1-teacher")).Token);
        teacherOnC.Http.DefaultRequestHeaders.Authorization = new("Bearer", teacherOnC.Token);
        (await teacherOnC.GetAsync<CaseView>($"api/cases/{raised.Alert.CaseId}")).Flags.ShouldHaveSingleItem();
    }
}
