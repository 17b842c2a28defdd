namespace CrisisHub.Server.Failover;

/// <summary>
/// Repeats a request whose grain call failed because the cluster is changing (<see cref="TransientGrainFailure"/>), with
/// back-off, within <see cref="TransientGrainFailure.Budget"/>, before anything of the response was sent — but only a
/// request that is safe to repeat as a whole: a read, a PUT or DELETE (they set a state), or an endpoint marked
/// <see cref="SafeToRepeat"/> (a flag, whose Idempotency-Key makes a repeat the same flag; an acknowledgement). Any other
/// request (an action, a referral step, a close) is never repeated: its grain may have done its work before a downstream
/// call failed. What still fails goes on to the exception handler as before.
/// </summary>
public sealed partial class TransientFailureRetry(RequestDelegate next, TimeProvider time, ILogger<TransientFailureRetry> logger)
{
    /// <summary>Bodies up to this size are kept to be read again; a larger request is not repeated.</summary>
    public const int MostBuffered = 256 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!SafeToRepeat(http) || http.Request.ContentLength is > MostBuffered)
        {
            await next(http);
            return;
        }

        // Read once (a chunked body too: the requests safe to repeat carry small JSON), handed out anew to each attempt —
        // a rewound stream is not enough, minimal APIs read through the request's pipe.
        var body = http.Request.ContentLength is 0 || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? null
            : await ReadAsync(http);
        await TransientGrainFailure.RetryAsync(async () =>
        {
            if (http.Response.HasStarted) throw new InvalidOperationException("unreachable: a started response is not retried");
            if (body is not null) http.Request.Body = new MemoryStream(body, writable: false);
            try
            {
                await next(http);
            }
            catch (Exception) when (!http.Response.HasStarted)
            {
                http.Response.Clear();
                throw;
            }

            return true;
        }, time, (failure, attempt, pause) => LogRetrying(http.Request.Method, http.GetEndpoint()?.DisplayName ?? "request", failure.GetType().Name, attempt, pause.TotalMilliseconds),
            http.RequestAborted);
    }

    private static async Task<byte[]> ReadAsync(HttpContext http)
    {
        using var copy = new MemoryStream();
        await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
        return copy.ToArray();
    }

    private static bool SafeToRepeat(HttpContext http)
    {
        var method = http.Request.Method;
        // A hub's transport requests live for hours (the hub filter retries inside them); its short negotiate is a plain request.
        if (http.Request.Path.StartsWithSegments("/hubs") && !http.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal)) return false;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)
            || http.GetEndpoint()?.Metadata.GetMetadata<SafeToRepeat>() is not null;
    }

    // The endpoint's display name is its route template: no ids from the path.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Endpoint}: {Failure} while the cluster changes; attempt {Attempt} again in {Pause:0} ms")]
    private partial void LogRetrying(string method, string endpoint, string failure, int attempt, double pause);
}
