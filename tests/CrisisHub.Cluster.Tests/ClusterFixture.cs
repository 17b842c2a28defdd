using CrisisHub.Grains.Tests;

namespace CrisisHub.Cluster.Tests;

/// <summary>
/// A redis-server (append-only, fsync always) and three identical CrisisHub processes in cluster mode:
/// Redis membership, grain storage, reminders and SignalR backplane — configuration only, same binaries.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    public RedisServer Redis { get; private set; } = null!;
    public List<ServerProcess> Nodes { get; } = [];

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync(appendOnly: true);
        // The first node seeds; the others join once it is serving.
        Nodes.Add(await StartNodeAsync());
        Nodes.AddRange(await Task.WhenAll(StartNodeAsync(), StartNodeAsync()));
    }

    public Task<ServerProcess> StartNodeAsync() => ServerProcess.StartAsync(CrisisHubFactory.NewDataFolder(), ServerProcess.FreePort(), new Dictionary<string, string>
    {
        ["Silo__Clustering"] = "Redis",
        // The kill test needs a 20-second step on the wall clock; the one-minute policy floor is lowered for these nodes only.
        ["CrisisHub__PolicyLimits__MinAcknowledgeWithin"] = "00:00:01",
        ["Silo__Storage"] = "Redis",
        ["Silo__Redis"] = Redis.ConnectionString,
        ["Silo__ClusterId"] = _clusterId,
        ["Silo__ServiceId"] = "crisishub-cluster-tests",
        // Every node signs the audit anchors with the one key of the cluster.
        ["Privacy__AnchorKey"] = AnchorKey,
        // Every node is given the same storage key, as a cluster must be (a node cannot make up its own).
        ["Privacy__StorageKeys__0__Id"] = "cluster-tests",
        ["Privacy__StorageKeys__0__Key"] = StorageKey,
    });

    private static readonly string AnchorKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string StorageKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Task<ApiClient> SignInAsync(ServerProcess node, string userName) => ApiClient.SignInAsync(node.BaseAddress, userName);

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
