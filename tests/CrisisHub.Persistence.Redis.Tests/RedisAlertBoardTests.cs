using CrisisHub.Contracts.Wallboard;
using CrisisHub.Testing;

namespace CrisisHub.Persistence.Redis.Tests;

/// <summary>The alert board contract on a real redis-server.</summary>
public sealed class RedisAlertBoardTests(RedisAuditLogTests.RedisFixture redis) : AlertBoardContract, IClassFixture<RedisAuditLogTests.RedisFixture>
{
    protected override IAlertBoard Board { get; } = new RedisAlertBoard(redis.Connection);

    protected override IAlertBoard Reopen() => new RedisAlertBoard(redis.SecondConnection);
}
