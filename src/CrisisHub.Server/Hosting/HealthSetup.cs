using CrisisHub.Persistence.Sqlite;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using StackExchange.Redis;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// /health/live: the process answers (a load balancer restarts it otherwise). /health/ready: it may take
/// traffic — this silo is an active cluster member, its storage answers, its reminder service ticks and, in cluster mode,
/// Redis answers and carries a published message back (as the SignalR backplane needs). The body lists each check.
/// </summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    /// <summary>How long one readiness check may take before it counts as failed.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    public static WebApplicationBuilder AddCrisisHubHealth(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        builder.Services.AddSingleton<Operations.NodeIdentity>();
        // Each check answers within its own budget: a probe that hangs on a dead Redis is itself the failure.
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<MembershipHealthCheck>("orleans-membership", tags: [Ready], timeout: Budget)
            .AddCheck<Operations.ReminderHeartbeatCheck>("reminders", tags: [Ready], timeout: Budget);
        if (silo.UsesRedis)
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [Ready], timeout: Budget);
            checks.AddCheck<Operations.RedisPubSubCheck>("redis-pubsub", tags: [Ready], timeout: Budget);
            checks.AddCheck<Failover.ClusterDataCheck>("cluster-data", tags: [Ready], timeout: Budget);
        }

        if (silo.Storage == "Sqlite") checks.AddCheck<SqliteHealthCheck>("sqlite", tags: [Ready], timeout: Budget);
        // Graceful shutdown drains the silo: grains finish their calls and write their state before exit.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        return builder;
    }

    public static WebApplication MapCrisisHubHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Operations.ReadinessResponse.WriteAsync })
            .AllowAnonymous();
        return app;
    }

    private sealed class MembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo, IServiceProvider services,
        Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterMembershipOptions> options, TimeProvider time) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var snapshot = membership.CurrentSnapshot;
            var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
            var suspected = new List<SiloAddress>();
            // Suspicions are votes in the membership table (cluster mode); the local snapshot does not carry them.
            if (services.GetService<IMembershipTable>() is { } table)
            {
                // Votes carry the voting silo's wall-clock time (Orleans' own, not the grain clock).
                var since = time.GetUtcNow().UtcDateTime - options.Value.DeathVoteExpirationTimeout;
                var rows = await table.ReadAllAsync().WaitAsync(cancellationToken);
                suspected.AddRange(rows.Members.Select(m => m.Item1)
                    .Where(e => e.Status == SiloStatus.Active && e.SuspectTimes?.Any(v => v.Item2 >= since) == true)
                    .Select(e => e.SiloAddress));
            }

            var others = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress)).Select(m => m.SiloAddress).ToList();
            // Its own short budget, so a slow table read above cannot turn into a false "no quorum".
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromMilliseconds(400));
            int? reachable = others.Count == 0 ? null : await Failover.Quorum.ReachableAsync(others, probe.Token);
            return Failover.MembershipVerdict.Judge(silo.SiloAddress, snapshot.GetSiloStatus(silo.SiloAddress), active, suspected, reachable);
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0} ms");
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer", exception);
            }
        }
    }

    private sealed class SqliteHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var database = services.GetService<SqliteDatabase>();
            if (database is null) return HealthCheckResult.Unhealthy("SQLite storage is not registered");
            // Through the reader pool (a probe through the writer would count as a commit in the storage counters).
            await database.ReadAsync(session => session.Command("SELECT 1").ExecuteScalar()).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }
}
