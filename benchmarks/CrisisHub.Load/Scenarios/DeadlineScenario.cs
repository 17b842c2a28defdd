using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Load.Driving;
using CrisisHub.Load.Processes;
using CrisisHub.Load.Reporting;
using CrisisHub.Server.Seed;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Load.Scenarios;

/// <summary>
/// How late escalation steps fire while many deadlines are pending. Every school but the first gets the pending
/// alerts (default Severe policy: 15-minute steps, so none of them is due during the run). The first school is the
/// probe: its Severe policy has two short steps and no repeat, its monitors flag a few students a second, and its
/// duty officer's wallboard stream (`?watch=`) hears each step fire. A step's lateness is the arrival of the push
/// that announces it (Escalated, then Exhausted) minus the deadline the case's previous push announced.
/// </summary>
public static class DeadlineScenario
{
    public static string ProbeSchool => GeneratedDistrict.SchoolId(0);

    /// <summary>
    /// Schools the district needs: the probe school plus enough for the pending alerts (one open case per student,
    /// each class's warm-up student left out).
    /// </summary>
    public static int SchoolsFor(int pending, int studentsPerClass) =>
        1 + (int)Math.Ceiling(pending / (double)(GeneratedDistrict.GradesPerSchool * GeneratedDistrict.ClassesPerGrade * Math.Max(1, studentsPerClass - 1)));

    public static async Task<DeadlineResult> RunAsync(LoadContext context, DistrictTemplate district)
    {
        var o = context.Options;
        // The policy floor is configuration; below the default minute it is lowered on this server only.
        var settings = o.DeadlineStep < TimeSpan.FromMinutes(1)
            ? new Dictionary<string, string> { ["CrisisHub__PolicyLimits__MinAcknowledgeWithin"] = o.DeadlineStep.ToString("c") }
            : null;
        await using var server = await district.StartCopyAsync(context.ServerDll, context.NewFolder("deadlines"), settings);
        await SetProbePolicyAsync(context, server, district.Tokens[DistrictTemplate.Admin]);

        var probeClass = $"{ProbeSchool}-";
        var pending = new StudentRotation(district.Seed.Students.Where(s => !s.ClassId.StartsWith(probeClass, StringComparison.Ordinal)));
        var probes = new StudentRotation(district.Seed.Students.Where(s => s.ClassId.StartsWith(probeClass, StringComparison.Ordinal)));
        var url = new Uri(server.BaseAddress, "api/flags");
        HttpRequestMessage Flag(StudentRotation students, string prefix, long f) =>
            LoadContext.Flag(url, students.At(f).StudentId, $"{prefix}-{f}", district.Tokens[DistrictTemplate.Monitor(students.At(f).ClassId)]);

        context.Log.WriteLine($"  opening {o.PendingDeadlines:N0} alerts whose deadlines stay pending ...");
        var opened = await OpenLoop.ClosedLoopAsync(context.Http, f => Flag(pending, "pending", f), 0, Math.Min(o.PendingDeadlines, pending.Count), concurrency: 16);

        var steps = new ReceiptLog<AlertNotification>(n => n.Kind is AlertEventKind.Escalated or AlertEventKind.Exhausted);
        var watch = new Uri(server.BaseAddress, $"hubs/alerts?watch={ProbeSchool}");
        await using var watcher = await HubClients.ConnectAsync([(watch, district.Tokens[DistrictTemplate.DutyOfficer(ProbeSchool)])],
            (_, c) => c.On<AlertNotification>("alert", steps.Add));
        var count = Math.Min(probes.Count, Math.Max(1, (int)(o.ProbeRate * o.ProbeWindow.TotalSeconds)));
        context.Log.WriteLine($"  {count} probe alerts, {ProbePolicySteps} steps of {o.DeadlineStep.TotalSeconds:N0} s each ...");
        var sent = await OpenLoop.RunAsync(context.Http, f => Flag(probes, "probe", f), 0, count, o.ProbeRate);
        var expected = sent.Count(s => s.Ok) * ProbePolicySteps;
        await steps.WaitForFlagsAsync(expected, o.DeadlineStep * ProbePolicySteps + o.Drain);

        var lateness = Lateness(steps.InArrivalOrder());
        return new DeadlineResult
        {
            PendingDeadlines = opened.Count(s => s.Ok),
            PendingFlagErrors = opened.Count(s => !s.Ok),
            StepSeconds = o.DeadlineStep.TotalSeconds,
            ProbeCases = sent.Count(s => s.Ok),
            ExpectedSteps = expected,
            Lateness = LatencySummary.Of(lateness),
            Missing = Math.Max(0, expected - lateness.Count),
            ProbeErrors = sent.Count(s => !s.Ok) + watcher.Dropped,
            PeakRssBytes = server.Sample().PeakRssBytes,
        };
    }

    private const int ProbePolicySteps = 2;

    private static async Task SetProbePolicyAsync(LoadContext context, ProductServer server, string adminToken)
    {
        var step = context.Options.DeadlineStep;
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.BaseAddress, $"api/admin/schools/{ProbeSchool}/policies/Severe"))
        {
            // Like the default Severe policy (web push and text at each step), but short and ending after one pass.
            Content = JsonContent.Create(new
            {
                steps = new object[]
                {
                    new { levels = new[] { "Class" }, channels = new[] { "WebPush", "Sms" }, acknowledgeWithin = step },
                    new { levels = new[] { "Grade" }, channels = new[] { "WebPush", "Sms" }, acknowledgeWithin = step },
                },
                repeats = 0,
                actionWithin = TimeSpan.FromHours(2),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await context.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Setting the probe policy failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>For each step push, how long after the deadline its case's previous push announced it arrived (ms).</summary>
    private static List<double> Lateness(IEnumerable<Received<AlertNotification>> pushes)
    {
        var lateness = new List<double>();
        var deadlines = new Dictionary<string, DateTimeOffset?>();
        foreach (var push in pushes)
        {
            var caseId = push.Message.Alert.CaseId;
            if (push.Message.Kind is AlertEventKind.Escalated or AlertEventKind.Exhausted && deadlines.GetValueOrDefault(caseId) is { } due)
                lateness.Add((push.At - due).TotalMilliseconds);
            deadlines[caseId] = push.Message.Alert.StepDeadline;
        }

        return lateness;
    }
}
