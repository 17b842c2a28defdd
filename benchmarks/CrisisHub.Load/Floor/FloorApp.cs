using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Load.Floor;

/// <summary>What the floor pushes: the flag's idempotency key, so a receipt names its flag exactly.</summary>
public sealed record FloorAlert(string Key, string StudentId);

/// <summary>The body the floor reads: the same JSON a monitor posts to the product.</summary>
public sealed record FloorFlag(string StudentId, string[]? Signs);

/// <summary>
/// The floor: the least an ASP.NET Core app can do for the same job — read the POSTed flag, push it to the class's
/// SignalR group, answer 201. No storage, no auth, no grains. The product's latency is read against it: what is
/// left above the floor is CrisisHub's own cost on the same machine, runtime and client.
/// </summary>
public static class FloorApp
{
    public const string HubPath = "/hubs/floor";
    public const string FlagPath = "/flag";
    public const string GroupParameter = "group";

    public static Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // A log line per request would be the floor's biggest cost; the product logs as shipped.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<FloorHub>(HubPath);
        app.MapGet("/ready", () => "ready");
        app.MapPost(FlagPath, async (FloorFlag flag, HttpContext http, IHubContext<FloorHub> hub) =>
        {
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            await hub.Clients.Group(ClassOf(flag.StudentId)).SendAsync("alert", new FloorAlert(key, flag.StudentId));
            return Results.Created($"{FlagPath}/{key}", new { flagId = key });
        });
        return app.RunAsync();
    }

    /// <summary>Generated student ids are "{classId}-sNN".</summary>
    public static string ClassOf(string studentId) => studentId[..studentId.LastIndexOf("-s", StringComparison.Ordinal)];
}

/// <summary>A receiver joins its class's group (<c>?group=</c>), as a head teacher's inbox joins theirs.</summary>
public sealed class FloorHub : Hub
{
    public override async Task OnConnectedAsync()
    {
        var group = Context.GetHttpContext()?.Request.Query[FloorApp.GroupParameter].ToString();
        if (!string.IsNullOrEmpty(group)) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        await base.OnConnectedAsync();
    }
}
