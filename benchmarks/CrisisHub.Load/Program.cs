using CrisisHub.Load.Floor;

namespace CrisisHub.Load;

/// <summary>
/// The load benchmark (see <see cref="LoadBenchmark"/>), or — with --floor — the floor app it starts as its own process.
/// A named class, not top-level statements: those make a public <c>Program</c> that would clash with the server's
/// in the tests that reference both.
/// </summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--floor"))
        {
            await FloorApp.RunAsync([.. args.Where(a => a != "--floor")]);
            return 0;
        }

        // The screening import benchmark (issue 18): a term of one large school's screening, imported through the server.
        if (args.Length >= 2 && args[0] == "--screening")
        {
            var rows = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            var work = Path.Combine(Path.GetTempPath(), $"crisishub-screening-{Guid.NewGuid():N}");
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
                var result = await Scenarios.ScreeningScenario.RunAsync(Processes.RepoPaths.ServerDll(), work, rows, http, Console.Out);
                Console.WriteLine(Scenarios.ScreeningScenario.Markdown(result));
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            }

            return 0;
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        await LoadBenchmark.RunAsync(options, Console.Out);
        return 0;
    }
}
