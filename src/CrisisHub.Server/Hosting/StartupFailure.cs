namespace CrisisHub.Server.Hosting;

/// <summary>
/// Why the server refused to start, with the exit code that says so to systemd, Kubernetes or a script. The server prints one
/// line and exits with it: no stack trace, no core dump. Codes (also in README "Operations" and the runbooks):
/// 10 Redis unreachable (retry later: it may come back), 11 a port is taken, 12 the data folder is in use,
/// 13 the configuration is invalid (11–13 do not get better by restarting).
/// </summary>
public sealed class StartupFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public const int RedisUnreachable = 10;
    public const int PortInUse = 11;
    public const int DataFolderInUse = 12;
    public const int InvalidConfiguration = 13;

    public int ExitCode { get; } = exitCode;

    /// <summary>A <see cref="StartupFailure"/> this code threw, inside what the host threw (not an options validation).</summary>
    public static StartupFailure? FindDeclared(Exception exception) => exception switch
    {
        StartupFailure failure => failure,
        AggregateException many => many.InnerExceptions.Select(FindDeclared).FirstOrDefault(f => f is not null),
        { InnerException: { } inner } => FindDeclared(inner),
        _ => null,
    };

    /// <summary>The start-up failure inside what the host threw (it wraps hosted services' exceptions), if any.</summary>
    public static StartupFailure? Find(Exception exception) => exception switch
    {
        StartupFailure failure => failure,
        Microsoft.Extensions.Options.OptionsValidationException invalid => new StartupFailure(InvalidConfiguration, invalid.Message, invalid),
        AggregateException many => many.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null),
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };
}
