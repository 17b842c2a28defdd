using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisHub.Load.Driving;
using CrisisHub.Load.Processes;
using CrisisHub.Load.Reporting;
using CrisisHub.Load.Scenarios;

namespace CrisisHub.Load;

/// <summary>
/// One run of the load benchmark: the rate steps against the floor and the product, deadline lateness with many
/// deadlines pending, the memory of idle hub connections; then the report (JSON, Markdown, stdout).
/// </summary>
public static class LoadBenchmark
{
    public const string JsonFile = "load-report.json";
    public const string MarkdownFile = "load-report.md";

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var serverDll = options.ServerDll ?? RepoPaths.ServerDll();
        var work = Path.Combine(Path.GetTempPath(), $"crisishub-load-{Guid.NewGuid():N}");
        // Open-loop sends and hundreds of receivers start at once: have the threads ready rather than ramping up.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        using var http = OpenLoop.NewClient();
        var context = new LoadContext(options, serverDll, RepoPaths.LoadDll(), work, http, log);
        try
        {
            var district = await DistrictTemplate.CreateAsync(serverDll, work, options.Schools, options.StudentsPerClass, http, log);
            var rates = await RatesAsync(context, district);
            DeadlineResult? deadlines = null;
            if (options.PendingDeadlines > 0)
            {
                var schools = DeadlineScenario.SchoolsFor(options.PendingDeadlines, options.StudentsPerClass);
                log.WriteLine($"Deadline lateness with {options.PendingDeadlines:N0} pending deadlines ...");
                var deadlineDistrict = schools <= district.Schools
                    ? district
                    : await DistrictTemplate.CreateAsync(serverDll, work, schools, options.StudentsPerClass, http, log);
                deadlines = await DeadlineScenario.RunAsync(context, deadlineDistrict);
            }

            IdleResult? idle = null;
            if (options.IdleConnections > 0)
            {
                log.WriteLine($"Server memory with {options.IdleConnections:N0} idle hub connections ...");
                idle = await IdleScenario.RunAsync(context, district);
            }

            var report = new LoadReport
            {
                StartedAt = startedAt,
                Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
                Server = $"{serverDll} ({RepoPaths.Configuration})",
                Schools = options.Schools,
                Students = district.Seed.Students.Length,
                DurationSeconds = options.Duration.TotalSeconds,
                Rates = rates,
                Deadlines = deadlines,
                Idle = idle,
                Notes = rates.Any(r => r.System == "product" && r.DurableCommitsPerFlag is null)
                    ? ["Durable writes per flag: n/a — this server has no GET /api/admin/diagnostics/storage."]
                    : [],
            };
            report = report with { Targets = Targets.Evaluate(report, options) };
            await WriteAsync(report, options.Out, log);
            return report;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<RateResult>> RatesAsync(LoadContext context, DistrictTemplate district)
    {
        var results = new List<RateResult>();
        foreach (var rate in context.Options.Rates)
        {
            context.Log.WriteLine($"{rate} flags/s for {context.Options.Duration.TotalSeconds:N0} s: floor ...");
            var floor = await RateScenario.FloorAsync(context, district, rate);
            results.Add(floor);
            foreach (var open in context.Options.Open)
            {
                context.Log.WriteLine($"{rate} flags/s for {context.Options.Duration.TotalSeconds:N0} s: product with {open:N0} alerts open ...");
                var product = await RateScenario.ProductAsync(context, district, rate, open);
                results.Add(product with { RatioToFloorP99 = product.Latency.P99 / floor.Latency.P99 });
            }
        }

        return results;
    }

    private static async Task WriteAsync(LoadReport report, string folder, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        await File.WriteAllTextAsync(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(report, json));
        var markdown = MarkdownReport.Render(report);
        await File.WriteAllTextAsync(Path.Combine(folder, MarkdownFile), markdown);
        log.WriteLine();
        log.WriteLine(markdown);
        log.WriteLine($"Written: {Path.GetFullPath(Path.Combine(folder, JsonFile))} and {MarkdownFile}");
    }
}
