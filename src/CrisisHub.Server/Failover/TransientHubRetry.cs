using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Failover;

/// <summary>
/// The hub's side of <see cref="TransientFailureRetry"/>: joining a connection's groups (which may ask a grain) and the
/// acknowledgement (a second one changes nothing) are repeated while the cluster changes, so a head teacher whose
/// connection moved to a surviving node is not refused; the page's re-read after connecting catches up on what it missed.
/// While the cluster's data is lost (<see cref="ClusterEpoch"/>), an acknowledgement is refused like any write.
/// </summary>
public sealed partial class TransientHubRetry(TimeProvider time, IServiceProvider services, ILogger<TransientHubRetry> logger) : IHubFilter
{
    private static readonly HashSet<string> Repeatable = ["Acknowledge"];

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next) =>
        TransientGrainFailure.RetryAsync(async () => { await next(context); return true; }, time, (f, a, p) => LogRetrying("connect", f.GetType().Name, a, p.TotalMilliseconds),
            context.Context.ConnectionAborted);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (services.GetService<ClusterEpoch>()?.View.DataLost == true)
            throw new HubException("The cluster's data is lost; nothing can be recorded until it is restored.");
        if (!Repeatable.Contains(context.HubMethodName)) return await next(context);
        return await TransientGrainFailure.RetryAsync(async () => await next(context), time,
            (f, a, p) => LogRetrying(context.HubMethodName, f.GetType().Name, a, p.TotalMilliseconds), context.Context.ConnectionAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {What}: {Failure} while the cluster changes; attempt {Attempt} again in {Pause:0} ms")]
    private partial void LogRetrying(string what, string failure, int attempt, double pause);
}
