using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrisisHub.Server.Failover;

/// <summary>
/// While <see cref="ClusterEpoch"/> finds the cluster's data lost, every request that would write (anything but GET and
/// HEAD, sign-in included) gets a 503 problem naming the runbook: a write now would land in an empty store and be
/// mistaken for the truth once the data is restored. Reads go on, so people can see what the node still holds.
/// </summary>
public static class ClusterDataGuard
{
    public static WebApplication UseClusterDataGuard(this WebApplication app)
    {
        if (app.Services.GetService<ClusterEpoch>() is not { } epoch) return app;
        app.Use(async (http, next) =>
        {
            if (epoch.View.DataLost && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !http.Request.Path.StartsWithSegments("/hubs"))
            {
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The cluster's data is lost; writes are refused",
                    detail: $"{epoch.View.Reason}. Nothing is accepted until Redis is restored (runbooks/redis-data-lost.md).").ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        return app;
    }
}

/// <summary>Readiness: Unhealthy while the cluster's data is lost.</summary>
public sealed class ClusterDataCheck(ClusterEpoch epoch) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(epoch.View.DataLost ? HealthCheckResult.Unhealthy(epoch.View.Reason) : HealthCheckResult.Healthy("Redis holds this cluster's epoch"));
}
