using Orleans.Runtime;

namespace CrisisHub.Server.Failover;

/// <summary>
/// The grain-call failures a node sees while the cluster changes (a silo died and membership has not declared it dead yet,
/// a grain is being placed again), told from real errors; and how a call that is safe to repeat is repeated through them.
/// Orleans hands a downstream grain's failure back unchanged, so a failure says nothing about whether the first grain
/// already did its work: only operations that are safe to repeat as a whole are ever repeated.
/// </summary>
public static class TransientGrainFailure
{
    /// <summary>How long a call may keep retrying: longer than membership takes to declare a killed silo dead (see OrleansHosting).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static bool IsTransient(Exception exception)
    {
        // Orleans' own type for a connection that could not be made is not public: it is known by name.
        if (exception is OrleansMessageRejectionException or SiloUnavailableException || exception.GetType().Name == "ConnectionFailedException") return true;
        if (exception is AggregateException { InnerExceptions.Count: 1 } one) return IsTransient(one.InnerExceptions[0]);
        return exception is not OperationCanceledException && exception.InnerException is { } inner && IsTransient(inner);
    }

    /// <summary>Jittered exponential back-off (200 ms, 400 ms, … up to 2 s) so retrying nodes do not move in step.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 200 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble()));

    /// <summary>Repeats <paramref name="call"/> (which must be safe to repeat) through transient failures, within <see cref="Budget"/>.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeProvider time, Action<Exception, int, TimeSpan>? retrying = null,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (IsTransient(exception) && time.GetElapsedTime(started) < Budget && !cancellationToken.IsCancellationRequested)
            {
                var pause = Backoff(attempt);
                retrying?.Invoke(exception, attempt + 1, pause);
                await Task.Delay(pause, time, cancellationToken);
            }
        }
    }
}

/// <summary>Endpoint metadata: repeating the whole request changes nothing (a flag with its Idempotency-Key, an acknowledgement).</summary>
public sealed class SafeToRepeat
{
    public static readonly SafeToRepeat Marker = new();
}
