using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Orleans.Runtime;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// Each client's own rate limit (calls per minute, from its record), partitioned by client id: a 429 with problem details
/// and Retry-After beyond it. The window runs on the grain clock, like every other time rule of CrisisHub, so the tests
/// advance it instead of waiting; ASP.NET's fixed-window limiter reads the real clock and could not be tested that way.
/// Each node counts its own calls: behind a load balancer a client can make up to (nodes × limit) calls a minute, which still
/// protects every node; a cluster-wide count would cost a grain call per request for little more.
/// </summary>
public sealed class IntegrationRateLimit(IServiceProvider services) : IRateLimiterPolicy<string>
{
    /// <summary>The rate limiter policy of every integration endpoint (see <see cref="IntegrationEndpointConventions.RequireIntegrationClient{TBuilder}"/>).</summary>
    public const string Policy = "integration";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = services.GetKeyedService<TimeProvider>(TimeProviderNames.Grains) ?? services.GetRequiredService<TimeProvider>();

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        // Authorization ran first: a request here without a client is one the endpoint itself refuses.
        var clientId = http.User.FindFirstValue(IntegrationCaller.ClientIdClaim);
        if (clientId is null || !int.TryParse(http.User.FindFirstValue(IntegrationAuthenticationHandler.RateLimitClaim), out var limit))
            return RateLimitPartition.GetNoLimiter("");
        // The limit is part of the key, so a client whose limit changes gets a limiter with the new one.
        return RateLimitPartition.Get($"{clientId}/{limit}", _ => new ClockedFixedWindowLimiter(limit, Window, _clock));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString();
        var limit = http.User.FindFirstValue(IntegrationAuthenticationHandler.RateLimitClaim);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"This client may make {limit} calls a minute; try again in {seconds} seconds.").ExecuteAsync(http);
    };
}

/// <summary>
/// A fixed window of <c>permits</c> per <c>window</c> on a <see cref="TimeProvider"/>: the window opens at the first call
/// after the last one closed. No queue: a call beyond the limit is refused at once with the time left in the window.
/// </summary>
public sealed class ClockedFixedWindowLimiter(int permits, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _used;

    /// <summary>Idle (and so disposable by the partitioned limiter) only once its window has closed: an evicted limiter must not reset a count.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                if (_windowStart == DateTimeOffset.MinValue) return TimeSpan.MaxValue;
                var sinceClosed = clock.GetUtcNow() - (_windowStart + window);
                return sinceClosed >= TimeSpan.Zero ? sinceClosed : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock) return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, permits - _used) };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_windowStart == DateTimeOffset.MinValue || now >= _windowStart + window)
            {
                _windowStart = now;
                _used = 0;
            }

            if (permitCount == 0) return new Lease(_used < permits, null);
            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                return new Lease(true, null);
            }

            return new Lease(false, _windowStart + window - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
