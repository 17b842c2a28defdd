using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Integrations;
using CrisisHub.Server.Operations;
using CrisisHub.Server.Operations.Canary;
using CrisisHub.Server.Sms;
using CrisisHub.Server.Push;

// CrisisHub: one process co-hosts the Orleans silo (cases, the warning network, deadlines), the SignalR
// hub that pushes alerts, and the JSON API. More identical processes make a cluster.
try
{
    var builder = WebApplication.CreateBuilder(args);
    // `--backup <file>` copies the embedded database of a running (or stopped) server with the server's own configuration, and exits.
    if (OnlineBackup.Target(args) is { } backup) return OnlineBackup.Run(builder.Configuration, backup, Console.Out, Console.Error);

    builder.AddCrisisHubLogging();
    builder.AddCrisisHubProblemDetails();
    builder.AddCrisisHubOrleans();
    builder.AddCrisisHubIdentity();
    builder.AddCrisisHubIntegrations();
    builder.AddCrisisHubSms();
    builder.AddCrisisHubPush();
    builder.AddCrisisHubApi();
    builder.AddCrisisHubHealth();
    builder.AddCrisisHubTelemetry();
    builder.AddCrisisHubCanary();

    var app = builder.Build();
    app.MapCrisisHub();
    app.Run();
    return 0;
}
catch (Exception exception) when (StartupFailure.Find(exception) is { } failure)
{
    // One line and a code that says why (StartupFailure), instead of an unhandled exception's trace and core dump.
    Console.Error.WriteLine($"CrisisHub did not start (exit code {failure.ExitCode}): {failure.Message}");
    return failure.ExitCode;
}

/// <summary>The entry point's type, for WebApplicationFactory in the tests.</summary>
public partial class Program;
