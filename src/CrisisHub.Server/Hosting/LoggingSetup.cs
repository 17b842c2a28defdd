using Serilog;
using Serilog.Events;

namespace CrisisHub.Server.Hosting;

public static class LoggingSetup
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {TraceId} {SpanId} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Structured logs to the console and a rolling file in the data folder. Log events carry ids
    /// (case, node, account) and never names, phone numbers or free text: callers log ids only, and
    /// request logging records the path without the query string (SignalR puts tokens there).
    /// </summary>
    public static WebApplicationBuilder AddCrisisHubLogging(this WebApplicationBuilder builder)
    {
        var dataFolder = (builder.Configuration.GetSection(CrisisHubOptions.Section).Get<CrisisHubOptions>() ?? new()).DataFolderPath;
        builder.Services.AddSerilog((services, log) => log
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            // Orleans' placement retries log every attempt through Polly at Information.
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            // HttpClient logs request URIs, and a Twilio message lookup carries a phone number in its query.
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            // A refused start is told in one line by Program (with its exit code); the host's own report of it is a stack trace.
            .Filter.ByExcluding(e => e.Exception is { } exception && StartupFailure.FindDeclared(exception) is not null)
            // Console and file are written by a background worker: at a thousand requests a second, a request that
            // waited for its own log line on the terminal would be the slow part of an alert. The logger is disposed
            // (and the worker drained) when the host stops. A full buffer makes callers wait rather than drop events.
            // Each line carries the trace id of the request or grain call that wrote it (empty outside one), so a log line
            // leads to its trace and a trace to its lines.
            .WriteTo.Async(sinks =>
            {
                sinks.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                sinks.File(Path.Combine(dataFolder, "logs", "crisishub-.log"), rollingInterval: RollingInterval.Day, outputTemplate: FileTemplate,
                    retainedFileCountLimit: 14, formatProvider: System.Globalization.CultureInfo.InvariantCulture, hooks: new OwnerOnlyLogFiles());
            }, bufferSize: 50_000, blockWhenFull: true),
            // Keep this host's logger to itself instead of installing it as the process-wide Log.Logger:
            // with two hosts in one process (tests do that), events would otherwise go to the last one built.
            preserveStaticLogger: true);
        return builder;
    }

    public static WebApplication UseCrisisHubRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger (not the static one, which it does not install).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
        });
        return app;
    }
}

/// <summary>Each log file is the server account's alone (0600), like the rest of the data folder.</summary>
internal sealed class OwnerOnlyLogFiles : Serilog.Sinks.File.FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, System.Text.Encoding encoding)
    {
        OwnerOnly.RestrictFile(path);
        return underlyingStream;
    }
}
