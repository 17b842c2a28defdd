namespace CrisisHub.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SessionClusterTests(ClusterFixture cluster)
{
    /// <summary>Issue 12 point 2: the security stamp lives in one grain, so every node refuses a revoked token at its next request.</summary>
    [Fact]
    public async Task ASessionSignedOutOnOneNodeIsRefusedAtTheNextRequestOnEveryNode()
    {
        var nodes = cluster.Nodes.Where(n => !n.HasExited).Take(3).ToList();
        nodes.Count.ShouldBe(3);
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        var onA = await cluster.SignInAsync(a, "ts2-g2-director");
        ApiClient On(ServerProcess node)
        {
            var client = new ApiClient(new HttpClient { BaseAddress = node.BaseAddress }, node.BaseAddress, onA.Token);
            client.Http.DefaultRequestHeaders.Authorization = new("Bearer", onA.Token);
            return client;
        }

        foreach (var node in nodes) (await On(node).Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the token works everywhere first");

        (await On(b).PostAsync("api/auth/logout")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var node in new[] { a, b, c })
            (await On(node).Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"the signed-out token on {node.BaseAddress}");
        (await (await cluster.SignInAsync(c, "ts2-g2-director")).Http.GetAsync("api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "a new sign-in works");
    }
}
