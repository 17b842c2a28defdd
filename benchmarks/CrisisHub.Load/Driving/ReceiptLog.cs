using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrisisHub.Load.Driving;

/// <summary>A push as it arrived: monotonic ticks for latency, wall-clock time for comparing with server deadlines.</summary>
public sealed record Received<T>(long Ticks, DateTimeOffset At, T Message);

/// <summary>
/// Every push the receivers got, stamped on arrival, and a running count of those that announce a flag, so the
/// driver knows when everything it sent has arrived (or has stopped arriving).
/// </summary>
public sealed class ReceiptLog<T>
{
    private readonly ConcurrentQueue<Received<T>> _all = new();
    private readonly Func<T, bool> _announcesFlag;
    private int _flags;

    public ReceiptLog(Func<T, bool> announcesFlag) => _announcesFlag = announcesFlag;

    public int Flags => Volatile.Read(ref _flags);

    public void Add(T message)
    {
        var received = new Received<T>(Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow, message);
        _all.Enqueue(received);
        if (_announcesFlag(message)) Interlocked.Increment(ref _flags);
    }

    public Received<T>[] InArrivalOrder() => [.. _all.OrderBy(r => r.Ticks)];

    /// <summary>
    /// Waits until <paramref name="expected"/> flags were announced, or until none arrived for <paramref name="quiet"/>
    /// (then the missing ones are lost). Polls: the pushes come from another process, there is nothing to await.
    /// </summary>
    public async Task<bool> WaitForFlagsAsync(int expected, TimeSpan quiet)
    {
        var seen = Flags;
        var lastProgress = Stopwatch.GetTimestamp();
        while (Flags < expected)
        {
            await Task.Delay(50);
            var now = Flags;
            if (now != seen) (seen, lastProgress) = (now, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(lastProgress) > quiet) return false;
        }

        return true;
    }
}
