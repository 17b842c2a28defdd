using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Operations;
using CrisisHub.Server.Operations.Canary;
using CrisisHub.Server.Sms;

// CrisisHub: one process co-hosts the Orleans silo (cases, the warning network, deadlines), the SignalR
// hub that pushes alerts, and the JSON API. More identical processes make a cluster.
var builder = WebApplication.CreateBuilder(args);

builder.AddCrisisHubLogging();
builder.AddCrisisHubProblemDetails();
builder.AddCrisisHubOrleans();
builder.AddCrisisHubIdentity();
builder.AddCrisisHubSms();
builder.AddCrisisHubApi();
builder.AddCrisisHubHealth();
builder.AddCrisisHubTelemetry();
builder.AddCrisisHubCanary();

var app = builder.Build();
app.MapCrisisHub();
app.Run();
