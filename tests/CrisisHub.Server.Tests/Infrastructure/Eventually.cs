namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// Reads real state until it is what the test expects, within a bound. For effects that cross processes or
/// real time (a restarted server, a killed node); in-process deadlines use fake time instead.
/// </summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(5);
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value)) return value;
            }
            // A node that is restarting or taking over answers nothing, or 5xx, for a moment.
            catch (HttpRequestException) when (DateTime.UtcNow < until) { }

            if (DateTime.UtcNow > until) throw new TimeoutException($"The condition was not met within {limit.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}
