using CrisisHub.Contracts.Notifications;
using CrisisHub.Load.Driving;
using CrisisHub.Load.Floor;
using CrisisHub.Load.Processes;
using CrisisHub.Load.Reporting;
using CrisisHub.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Load.Scenarios;

/// <summary>
/// One measured run at one rate: every flag a class monitor's POST about a student of their class, its latency from
/// its planned send time to the arrival of the class head teacher's `alert` push. The floor and the product get the
/// same schedule, the same students and one receiving connection per class.
/// </summary>
public static class RateScenario
{
    public static async Task<RateResult> FloorAsync(LoadContext context, DistrictTemplate district, double rate)
    {
        var rotation = new StudentRotation(district.Seed.Students);
        var port = FreePorts.Next();
        await using var floor = await ChildProcess.StartAsync(context.LoadDll, port, new Dictionary<string, string>(), "ready",
            TimeSpan.FromMinutes(1), ["--floor", "--urls", $"http://127.0.0.1:{port}"]);
        var log = new ReceiptLog<FloorAlert>(a => a.Key.StartsWith('f'));
        var endpoints = district.ClassIds.Select(c => (new Uri(floor.BaseAddress, $"{FloorApp.HubPath[1..]}?{FloorApp.GroupParameter}={c}"), (string?)null)).ToList();
        await using var receivers = await HubClients.ConnectAsync(endpoints, (_, c) => c.On<FloorAlert>("alert", log.Add));
        var url = new Uri(floor.BaseAddress, FloorApp.FlagPath[1..]);
        await context.WarmUpAsync(rotation, url, _ => null);

        var before = ProcessMetrics.Read(floor.Id);
        var sends = await OpenLoop.RunAsync(context.Http, f => LoadContext.Flag(url, rotation.At(f).StudentId, $"f{f}", null), 0, Count(context, rate), rate);
        await log.WaitForFlagsAsync(sends.Count(s => s.Ok), context.Options.Drain);
        var after = ProcessMetrics.Read(floor.Id);

        var arrived = log.InArrivalOrder().Where(r => r.Message.Key.StartsWith('f')).GroupBy(r => long.Parse(r.Message.Key[1..])).ToDictionary(g => g.Key, g => g.First().Ticks);
        return RunSummary.Of("floor", rate, 0, context.Options.Duration, sends, arrived, receivers.Dropped) with
        {
            CpuMsPerFlag = (after.CpuMs - before.CpuMs) / sends.Length,
            DiskBytesPerFlag = (after.DiskWriteBytes - before.DiskWriteBytes) / (double?)sends.Length,
            PeakRssBytes = after.PeakRssBytes,
        };
    }

    public static async Task<RateResult> ProductAsync(LoadContext context, DistrictTemplate district, double rate, int open)
    {
        var rotation = new StudentRotation(district.Seed.Students);
        // One open alert per student: a district smaller than asked for gets as many as it has students.
        open = Math.Min(open, rotation.Count);
        await using var server = await district.StartCopyAsync(context.ServerDll, context.NewFolder($"rate-{rate}-open-{open}"));
        var alerts = new ProductAlerts();
        var log = new ReceiptLog<AlertNotification>(alerts.AnnouncesFlag);
        var hub = new Uri(server.BaseAddress, "hubs/alerts");
        var endpoints = district.ClassIds.Select(c => (hub, (string?)district.Tokens[DistrictTemplate.HeadTeacher(c)])).ToList();
        await using var receivers = await HubClients.ConnectAsync(endpoints, (_, c) => c.On<AlertNotification>("alert", log.Add));
        var url = new Uri(server.BaseAddress, "api/flags");
        HttpRequestMessage Flag(long f)
        {
            var student = rotation.At(f);
            return LoadContext.Flag(url, student.StudentId, $"load-{f}", district.Tokens[DistrictTemplate.Monitor(student.ClassId)]);
        }

        await context.WarmUpAsync(rotation, url, c => district.Tokens[DistrictTemplate.Monitor(c)]);
        // The alerts already open: set up as fast as the server answers, then let their pushes arrive, so the
        // measured run starts on a quiet server.
        var prefill = await OpenLoop.ClosedLoopAsync(context.Http, Flag, 0, open, concurrency: 16);
        if (prefill.FirstOrDefault(s => !s.Ok) is { } failed)
            throw new InvalidOperationException($"Opening alert {failed.Flag} before the run failed: {failed.Status} {failed.Error}\n{server.Tail}");
        await log.WaitForFlagsAsync(open, context.Options.Drain);
        var wallboard = await server.OpenDistrictWallboardAsync(context.Http, district.Tokens[DistrictTemplate.DistrictOfficer]);

        var admin = district.Tokens[DistrictTemplate.Admin];
        var before = server.Sample();
        var dbBefore = server.DatabaseBytes();
        var countersBefore = await server.StorageCountersAsync(context.Http, admin);
        var sends = await OpenLoop.RunAsync(context.Http, Flag, open, Count(context, rate), rate);
        await log.WaitForFlagsAsync(open + sends.Count(s => s.Ok), context.Options.Drain);
        var after = server.Sample();
        var dbAfter = server.DatabaseBytes();
        var countersAfter = await server.StorageCountersAsync(context.Http, admin);

        var arrived = ProductAlerts.Match(rotation, prefill.Concat(sends).Select(s => s.Flag), log.InArrivalOrder());
        // Per flag the server stored and pushed: when it falls behind, flags still queued or timed out did not cost it
        // the same, and dividing by all sent flags would make an overloaded server look cheap.
        double n = Math.Max(1, sends.Count(s => arrived.ContainsKey(s.Flag)));
        return RunSummary.Of("product", rate, open, context.Options.Duration, sends, arrived, receivers.Dropped) with
        {
            NewCases = sends.Count(s => rotation.Ordinal(s.Flag) == 1),
            Attached = sends.Count(s => rotation.Ordinal(s.Flag) > 1),
            CpuMsPerFlag = (after.CpuMs - before.CpuMs) / n,
            DiskBytesPerFlag = (after.DiskWriteBytes - before.DiskWriteBytes) / n,
            DurableCommitsPerFlag = (countersAfter?.Commits - countersBefore?.Commits) / n,
            StoredWritesPerFlag = (countersAfter?.Writes - countersBefore?.Writes) / n,
            // The pages in use where the server reports them; the files' sizes otherwise (the log is reused and truncated, so they say less).
            DbGrowthBytesPer1000Flags = (countersAfter?.UsedBytes - countersBefore?.UsedBytes ?? dbAfter - dbBefore) / n * 1000,
            PeakRssBytes = after.PeakRssBytes,
            WallboardOpenMs = wallboard.Milliseconds,
            WallboardTotal = wallboard.Total,
        };
    }

    private static int Count(LoadContext context, double rate) => Math.Max(1, (int)Math.Round(rate * context.Options.Duration.TotalSeconds));
}
