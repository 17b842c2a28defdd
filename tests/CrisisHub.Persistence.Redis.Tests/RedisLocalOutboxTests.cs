using CrisisHub.Contracts.Sms;
using CrisisHub.Testing;

namespace CrisisHub.Persistence.Redis.Tests;

/// <summary>The local outbox contract on a real redis-server.</summary>
public sealed class RedisLocalOutboxTests(RedisAuditLogTests.RedisFixture redis) : LocalOutboxContract, IClassFixture<RedisAuditLogTests.RedisFixture>
{
    protected override ILocalOutbox Outbox { get; } = new RedisLocalOutbox(redis.Connection, redis.Keys, $"crisishub:outbox-test-{Guid.NewGuid():N}:");

    protected override ILocalOutbox Reopen() => new RedisLocalOutbox(redis.SecondConnection, redis.Keys, ((RedisLocalOutbox)Outbox).KeyPrefix);
}
