using System.Diagnostics;

namespace CrisisHub.Load.Driving;

/// <summary>One flag's POST: when it was planned, sent and answered (Stopwatch ticks), and how.</summary>
public sealed record SendResult(long Flag, long PlannedTicks, long SentTicks, long DoneTicks, int Status, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>
/// Sends flags on a fixed schedule. Each flag has a planned send time (start + k / rate) and is sent then, whether
/// or not earlier flags were answered: a server that stalls for a second faces a second's worth of flags when it
/// comes back, and each flag's latency counts from its planned time, so the stall shows in every flag it delayed
/// instead of being hidden by a sender that waited (coordinated omission). A driver that falls behind its own
/// schedule is charged the same way, on the floor and the product alike.
/// </summary>
public static class OpenLoop
{
    public static async Task<SendResult[]> RunAsync(HttpClient http, Func<long, HttpRequestMessage> request, long first, int count, double rate)
    {
        var results = new Task<SendResult>[count];
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var planned = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), planned);
            // Task.Delay is millisecond-grained: sleep only the whole milliseconds; flags due meanwhile go out together.
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            results[i] = SendAsync(http, request(first + i), first + i, planned);
        }

        return await Task.WhenAll(results);
    }

    /// <summary>Set-up load (alerts to have open before a run): as fast as the server answers, a few at a time.</summary>
    public static async Task<SendResult[]> ClosedLoopAsync(HttpClient http, Func<long, HttpRequestMessage> request, long first, int count, int concurrency)
    {
        var results = new SendResult[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            results[i] = await SendAsync(http, request(first + i), first + i, Stopwatch.GetTimestamp()));
        return results;
    }

    private static async Task<SendResult> SendAsync(HttpClient http, HttpRequestMessage request, long flag, long planned)
    {
        // Off the scheduling loop at once: building the connection or the body must not delay the next flag.
        await Task.Yield();
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                await response.Content.LoadIntoBufferAsync();
                return new SendResult(flag, planned, sent, Stopwatch.GetTimestamp(), (int)response.StatusCode,
                    response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync());
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new SendResult(flag, planned, sent, Stopwatch.GetTimestamp(), 0, e.Message);
        }
    }

    /// <summary>A client that never makes a flag wait for a connection: open-loop sends may all be in flight at once.</summary>
    public static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 4096,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    { Timeout = TimeSpan.FromSeconds(120) };
}
