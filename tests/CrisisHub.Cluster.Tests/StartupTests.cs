using CrisisHub.Grains.Tests;

namespace CrisisHub.Cluster.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task ANodeConfiguredForAnUnreachableRedisRefusesToStartAndSaysWhy()
    {
        var closedPort = ServerProcess.FreePort();

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            CrisisHubFactory.NewDataFolder(), ServerProcess.FreePort(), new Dictionary<string, string>
            {
                ["Silo__Clustering"] = "Redis",
                ["Silo__Storage"] = "Redis",
                ["Silo__Redis"] = $"127.0.0.1:{closedPort}",
            }));

        failure.Message.ShouldContain("The server exited during start");
        failure.Message.ShouldContain($"Silo:Redis is configured (127.0.0.1:{closedPort}) but Redis cannot be reached");
        failure.Message.ShouldContain($"(exit code {CrisisHub.Server.Hosting.StartupFailure.RedisUnreachable})");
        failure.Message.ShouldNotContain("   at ", customMessage: "one line, no stack trace or core dump");
    }

    [Fact]
    public async Task ANodeWithoutTheAuditAnchorKeyRefusesToStartAsInvalidConfiguration() =>
        (await RefusedRedisNodeAsync(("Privacy__StorageKeys__0__Id", "k1"), ("Privacy__StorageKeys__0__Key", NewKey())))
            .ShouldContain("Cluster mode needs the audit anchor key every node shares");

    [Fact]
    public async Task ANodeWithoutStorageKeysRefusesToStartAndSaysWhy() =>
        (await RefusedRedisNodeAsync(("Privacy__AnchorKey", NewKey())))
            .ShouldContain("Privacy:StorageKeys (or Privacy:StorageKeyFile) is required in cluster mode");

    /// <summary>Starts a cluster-mode node against a live Redis with only the given keys; it must exit as invalid configuration, in one line.</summary>
    private static async Task<string> RefusedRedisNodeAsync(params (string Name, string Value)[] keys)
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Silo__Clustering"] = "Redis",
            ["Silo__Storage"] = "Redis",
            ["Silo__Redis"] = redis.ConnectionString,
        };
        foreach (var (name, value) in keys) settings[name] = value;

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => ServerProcess.StartAsync(
            CrisisHubFactory.NewDataFolder(), ServerProcess.FreePort(), settings));

        failure.Message.ShouldContain($"(exit code {CrisisHub.Server.Hosting.StartupFailure.InvalidConfiguration})");
        failure.Message.ShouldNotContain("   at ", customMessage: "one line, no stack trace or core dump");
        return failure.Message;
    }

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
