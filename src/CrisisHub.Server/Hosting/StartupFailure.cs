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
    public static StartupFailure? FindDeclared(Exception exception) => Causes(exception).OfType<StartupFailure>().FirstOrDefault();

    /// <summary>The start-up failure inside what the host threw (it wraps hosted services' exceptions), if any; invalid options count as one.</summary>
    public static StartupFailure? Find(Exception exception) => FindDeclared(exception)
        ?? Causes(exception).OfType<Microsoft.Extensions.Options.OptionsValidationException>()
            .Select(invalid => new StartupFailure(InvalidConfiguration, invalid.Message, invalid)).FirstOrDefault();

    /// <summary>The exception and every exception inside it (aggregates and inner exceptions).</summary>
    private static IEnumerable<Exception> Causes(Exception exception) =>
        exception is AggregateException many
            ? many.InnerExceptions.SelectMany(Causes).Prepend(exception)
            : exception.InnerException is { } inner ? Causes(inner).Prepend(exception) : [exception];
}
