using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Failover;

/// <summary>
/// The hub's side of <see cref="TransientFailureRetry"/>: joining a connection's groups (which may ask a grain) and the
/// acknowledgement (a second one changes nothing) are repeated while the cluster changes, so a head teacher whose
/// connection moved to a surviving node is not refused; the page's re-read after connecting catches up on what it missed.
/// </summary>
public sealed partial class TransientHubRetry(TimeProvider time, ILogger<TransientHubRetry> logger) : IHubFilter
{
    private static readonly HashSet<string> Repeatable = ["Acknowledge"];

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next) =>
        RetryAsync(() => next(context), "connect", repeatable: true);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        object? result = null;
        await RetryAsync(async () => result = await next(context), context.HubMethodName, Repeatable.Contains(context.HubMethodName));
        return result;
    }

    private async Task RetryAsync(Func<Task> call, string what, bool repeatable)
    {
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception exception) when (TransientGrainFailure.Classify(exception) is { } kind
                && (kind == TransientGrainFailure.Kind.NotDelivered || repeatable) && time.GetElapsedTime(started) < TransientGrainFailure.Budget)
            {
                var pause = TransientGrainFailure.Backoff(attempt);
                LogRetrying(what, exception.GetType().Name, attempt + 1, pause.TotalMilliseconds);
                await Task.Delay(pause, time);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub {What}: {Failure} while the cluster changes; attempt {Attempt} again in {Pause:0} ms")]
    private partial void LogRetrying(string what, string failure, int attempt, double pause);
}
