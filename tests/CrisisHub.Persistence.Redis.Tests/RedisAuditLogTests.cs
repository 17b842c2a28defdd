using CrisisHub.Contracts.Audit;
using CrisisHub.Grains.Tests;
using CrisisHub.Privacy;
using CrisisHub.Testing;
using StackExchange.Redis;

namespace CrisisHub.Persistence.Redis.Tests;

/// <summary>The audit log contract on a real redis-server (append-only, fsync always, as deploy/ runs it).</summary>
public sealed class RedisAuditLogTests(RedisAuditLogTests.RedisFixture redis) : AuditLogContract, IClassFixture<RedisAuditLogTests.RedisFixture>
{
    protected override IAuditLog Log { get; } = new RedisAuditLog(redis.Connection, redis.Keys);

    protected override IAuditLog Reopen() => new RedisAuditLog(redis.SecondConnection, redis.Keys);

    public sealed class RedisFixture : IAsyncLifetime
    {
        private RedisServer _server = null!;
        public IConnectionMultiplexer Connection { get; private set; } = null!;
        public IConnectionMultiplexer SecondConnection { get; private set; } = null!;
        public string ConnectionString => _server.ConnectionString;

        /// <summary>The storage keys both connections' stores seal with, as every node of a cluster is given the same.</summary>
        public StorageKeyRing Keys { get; } = StorageKeyRing.Of(StorageKey.Generate("test"));

        public async Task InitializeAsync()
        {
            _server = await RedisServer.StartAsync(appendOnly: true);
            Connection = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
            SecondConnection = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
        }

        public async Task DisposeAsync()
        {
            await Connection.DisposeAsync();
            await SecondConnection.DisposeAsync();
            await _server.DisposeAsync();
        }
    }
}
