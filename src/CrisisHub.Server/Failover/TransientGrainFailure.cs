using Orleans.Runtime;

namespace CrisisHub.Server.Failover;

/// <summary>
/// Sorts the grain-call failures a node sees while the cluster changes (a silo died and membership has not declared it dead
/// yet, a grain is being placed again) from real errors. Some could not have reached the grain at all; others may have
/// run it before the silo vanished, so only a request that is safe to repeat is repeated after them.
/// </summary>
public static class TransientGrainFailure
{
    public enum Kind
    {
        /// <summary>The call never reached a grain (refused, no connection): repeating it cannot do anything twice.</summary>
        NotDelivered,

        /// <summary>The silo became unavailable with the call in flight: it may or may not have run.</summary>
        MayHaveRun,
    }

    public static Kind? Classify(Exception exception)
    {
        // Orleans' own type for a connection that could not be made is not public: it is known by name.
        if (exception is OrleansMessageRejectionException || exception.GetType().Name == "ConnectionFailedException") return Kind.NotDelivered;
        if (exception is SiloUnavailableException) return Kind.MayHaveRun;
        if (exception is AggregateException { InnerExceptions.Count: 1 } one) return Classify(one.InnerExceptions[0]);
        return exception is not OperationCanceledException && exception.InnerException is { } inner ? Classify(inner) : null;
    }

    /// <summary>Jittered exponential back-off (200 ms, 400 ms, … up to 2 s) so retrying nodes do not move in step.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 200 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble()));

    /// <summary>How long a request may keep retrying: longer than membership takes to declare a killed silo dead (see OrleansHosting).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
}
