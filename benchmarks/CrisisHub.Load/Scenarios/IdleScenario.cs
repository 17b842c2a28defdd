using CrisisHub.Load.Driving;
using CrisisHub.Load.Processes;
using CrisisHub.Load.Reporting;

namespace CrisisHub.Load.Scenarios;

/// <summary>
/// The server's memory with many idle hub connections: head teachers' inboxes left open (several per teacher
/// when there are more connections than teachers), held while keep-alives flow, the resident set sampled each second.
/// </summary>
public static class IdleScenario
{
    public static async Task<IdleResult> RunAsync(LoadContext context, DistrictTemplate district)
    {
        var o = context.Options;
        await using var server = await district.StartCopyAsync(context.ServerDll, context.NewFolder("idle"));
        var before = server.Sample();
        var hub = new Uri(server.BaseAddress, "hubs/alerts");
        var teachers = district.ClassIds.Select(DistrictTemplate.HeadTeacher).ToArray();
        var endpoints = Enumerable.Range(0, o.IdleConnections).Select(i => (hub, (string?)district.Tokens[teachers[i % teachers.Length]])).ToList();
        context.Log.WriteLine($"  opening {o.IdleConnections:N0} hub connections ...");
        await using var clients = await HubClients.ConnectAsync(endpoints, (_, _) => { }, parallel: 64, tolerateFailures: true);

        var rss = server.Sample().RssBytes;
        var until = DateTime.UtcNow + o.IdleHold;
        while (DateTime.UtcNow < until)
        {
            // Measuring over the hold, not waiting for anything.
            await Task.Delay(TimeSpan.FromSeconds(1));
            rss = Math.Max(rss, server.Sample().RssBytes);
        }

        return new IdleResult
        {
            Requested = o.IdleConnections,
            Opened = clients.Opened,
            Failed = clients.Failed,
            Dropped = clients.Dropped,
            RssBeforeBytes = before.RssBytes,
            RssWithConnectionsBytes = rss,
            PeakRssBytes = server.Sample().PeakRssBytes,
        };
    }
}
