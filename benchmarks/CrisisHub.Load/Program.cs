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
