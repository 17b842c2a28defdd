using System.Globalization;

namespace CrisisHub.Load;

/// <summary>
/// What one run measures. The defaults are the issue's: a district of 100 schools × 32 students per class
/// (25,600 students), 55, 200 and 1,000 flags/s for 60 s each with 0 and with 10,000 alerts already open,
/// 50,000 pending deadlines and 10,000 idle hub connections. <see cref="Quick"/> is the smoke configuration.
/// </summary>
public sealed record LoadOptions
{
    public int Schools { get; init; } = 100;
    public int StudentsPerClass { get; init; } = 32;
    public int[] Rates { get; init; } = [55, 200, 1000];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Alerts opened before each measured run; every rate runs once per value.</summary>
    public int[] Open { get; init; } = [0, 10_000];
    /// <summary>Open alerts whose deadlines wait while the probe alerts escalate. 0 skips the deadline scenario.</summary>
    public int PendingDeadlines { get; init; } = 50_000;
    /// <summary>
    /// The probe policy's step. One minute is the shortest a policy may have by default
    /// (<c>CrisisHub:PolicyLimits:MinAcknowledgeWithin</c>); shorter steps lower that floor on the benchmark's server only.
    /// </summary>
    public TimeSpan DeadlineStep { get; init; } = TimeSpan.FromMinutes(1);
    public double ProbeRate { get; init; } = 4;
    public TimeSpan ProbeWindow { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Idle hub connections for the memory scenario. 0 skips it.</summary>
    public int IdleConnections { get; init; } = 10_000;
    /// <summary>How long the idle connections are held (and the server's memory sampled) once all are open.</summary>
    public TimeSpan IdleHold { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long to wait after the last send for alerts still on their way before they count as lost.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);
    public string Out { get; init; } = "load-report";
    /// <summary>The server to measure; by default the Release build of src/CrisisHub.Server in this repository.</summary>
    public string? ServerDll { get; init; }
    public bool IsQuick { get; init; }

    /// <summary>A few seconds of everything on a two-school district: it runs, it reports, nothing is lost.</summary>
    public static LoadOptions Quick { get; } = new()
    {
        Schools = 2, Rates = [20], Duration = TimeSpan.FromSeconds(3), Open = [8], PendingDeadlines = 16,
        DeadlineStep = TimeSpan.FromSeconds(2), ProbeRate = 2, ProbeWindow = TimeSpan.FromSeconds(2),
        IdleConnections = 50, IdleHold = TimeSpan.FromSeconds(1), Drain = TimeSpan.FromSeconds(15), IsQuick = true,
    };

    public const string Usage = """
        dotnet run -c Release --project benchmarks/CrisisHub.Load -- [options]
          --quick                 the smoke configuration (2 schools, a few seconds of everything)
          --schools N             schools in the generated district (default 100: 25,600 students)
          --rates 55,200,1000     flags per second, one measured run per rate and open count
          --duration 60           seconds per measured run
          --open 0,10000          alerts already open before each run
          --pending 50000         pending deadlines for the deadline-lateness scenario (0: skip)
          --idle 10000            idle hub connections for the memory scenario (0: skip)
          --server PATH           CrisisHub.Server.dll to measure (default: this repository's Release build)
          --out DIR               where load-report.json and load-report.md go (default ./load-report)
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? Quick : new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--quick" => options,
                "--schools" => options with { Schools = PositiveInt(Value()) },
                "--rates" => options with { Rates = List(Value()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(PositiveInt(Value())) },
                "--open" => options with { Open = List(Value(), allowZero: true) },
                "--pending" => options with { PendingDeadlines = NonNegativeInt(Value()) },
                "--idle" => options with { IdleConnections = NonNegativeInt(Value()) },
                "--server" => options with { ServerDll = Path.GetFullPath(Value()) },
                "--out" => options with { Out = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }

    private static int PositiveInt(string s) => int.Parse(s, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{s} must be positive.");
    private static int NonNegativeInt(string s) => int.Parse(s, CultureInfo.InvariantCulture) is >= 0 and var n ? n : throw new ArgumentException($"{s} must not be negative.");

    private static int[] List(string s, bool allowZero = false) =>
        [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => allowZero ? NonNegativeInt(x) : PositiveInt(x))];
}
