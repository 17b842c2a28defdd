namespace CrisisHub.Server.Failover;

/// <summary>
/// Repeats a request whose grain call failed because the cluster is changing (<see cref="TransientGrainFailure"/>), with
/// back-off, within <see cref="TransientGrainFailure.Budget"/>, before anything of the response was sent. A call that never
/// reached a grain is repeated for any request; one that may have run only for a request that is safe to repeat: reads,
/// PUT and DELETE, a flag (its Idempotency-Key makes a repeat the same flag) and an acknowledgement (a second one changes
/// nothing). What is still failing when the budget is spent goes on to the exception handler as before.
/// </summary>
public sealed partial class TransientFailureRetry(RequestDelegate next, TimeProvider time, ILogger<TransientFailureRetry> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // A hub connection lives for hours; its own transient failures are the hub filter's (TransientHubRetry). Its short
        // negotiate request (where the session is checked) is retried like any other.
        if (http.Request.Path.StartsWithSegments("/hubs") && !http.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        http.Request.EnableBuffering();
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next(http);
                return;
            }
            catch (Exception exception) when (TransientGrainFailure.Classify(exception) is { } kind && !http.Response.HasStarted
                && (kind == TransientGrainFailure.Kind.NotDelivered || SafeToRepeat(http.Request))
                && time.GetElapsedTime(started) < TransientGrainFailure.Budget && !http.RequestAborted.IsCancellationRequested)
            {
                var pause = TransientGrainFailure.Backoff(attempt);
                LogRetrying(http.Request.Method, http.GetEndpoint()?.DisplayName ?? "request", exception.GetType().Name, attempt + 1, pause.TotalMilliseconds);
                await Task.Delay(pause, time, http.RequestAborted);
                http.Request.Body.Position = 0;
                http.Response.Clear();
            }
        }
    }

    public static bool SafeToRepeat(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method)
        || request.Headers.ContainsKey(Flags.IdempotencyKey.Header)
        || HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/ack", StringComparison.Ordinal) == true;

    // The endpoint's display name is its route template: no ids from the path.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Endpoint}: {Failure} while the cluster changes; attempt {Attempt} again in {Pause:0} ms")]
    private partial void LogRetrying(string method, string endpoint, string failure, int attempt, double pause);
}
