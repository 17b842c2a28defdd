using System.Text.Json;
using CrisisHub.Contracts.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CrisisHub.Server.Operations;

/// <summary>How long since the node's heartbeat reminder last ticked (or, before its first tick, since it was registered) is too long.</summary>
public static class ReminderHeartbeatRule
{
    /// <summary>Two and a half periods: one late tick is tolerated, two missed are not.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(150);

    public static HealthCheckResult Judge(ReminderHeartbeat heartbeat, DateTimeOffset now)
    {
        var quietFor = now - (heartbeat.LastTick ?? heartbeat.Since);
        if (quietFor <= Silence)
            return HealthCheckResult.Healthy(heartbeat.LastTick is null ? "waiting for the first reminder tick" : $"last reminder tick {quietFor.TotalSeconds:0} s ago");
        return HealthCheckResult.Unhealthy(heartbeat.LastTick is null
            ? $"no reminder tick in {quietFor.TotalSeconds:0} s since the heartbeat was registered: deadlines would not come back after a restart"
            : $"no reminder tick for {quietFor.TotalSeconds:0} s: deadlines would not come back after a restart");
    }
}

/// <summary>Readiness: this node's heartbeat reminder ticks (it also registers the heartbeat on the first probe).</summary>
public sealed class ReminderHeartbeatCheck(IGrainFactory grains, NodeIdentity node, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var heartbeat = await grains.GetGrain<IReminderHeartbeatGrain>(node.Name).EnsureTickingAsync().WaitAsync(cancellationToken);
        return ReminderHeartbeatRule.Judge(heartbeat, time.GetUtcNow());
    }
}

/// <summary>
/// Readiness in cluster mode: a message published on Redis comes back to this node's subscription, as the SignalR backplane's
/// messages must, within the check's budget.
/// </summary>
public sealed class RedisPubSubCheck(IConnectionMultiplexer redis, NodeIdentity node) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var channel = RedisChannel.Literal($"crisishub:health:{node.Name}:{Guid.NewGuid():N}");
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.GetSubscriber();
        try
        {
            // Every call bounded by the check's budget: a Redis that does not answer must not hold the probe for its own timeout.
            await subscriber.SubscribeAsync(channel, (_, _) => echoed.TrySetResult()).WaitAsync(cancellationToken);
            await subscriber.PublishAsync(channel, "ping").WaitAsync(cancellationToken);
            await echoed.Task.WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("a published message came back");
        }
        finally
        {
            _ = subscriber.UnsubscribeAsync(channel, flags: CommandFlags.FireAndForget);
        }
    }
}

/// <summary>
/// /health/ready's body: the overall status and each check's status. Why a check failed (which may name an address, a path or
/// a silo) is told only to callers who may read the metrics (loopback, configured networks, the token); a load balancer
/// needs only the status.
/// </summary>
public static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var detailed = http.RequestServices.GetRequiredService<MetricsAccess>().Allows(http);
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = detailed ? e.Value.Description ?? e.Value.Exception?.Message : null,
                seconds = detailed ? e.Value.Duration.TotalSeconds : (double?)null,
            }),
        }));
    }
}
