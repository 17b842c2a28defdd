using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Persistence.Sqlite;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Admin;

public sealed record ClusterMember(string Silo, string Status);

public sealed record CaseLocation(string CaseId, string? Silo);

/// <summary>
/// What the embedded database has done since start: committed transactions (each one fsync), writes committed
/// (however many shared a transaction) and reads; and the bytes its pages hold now. The load benchmark divides
/// their growth by the flags it sent.
/// </summary>
public sealed record StorageCounters(string Storage, long Commits, long Writes, long Reads, long UsedBytes);

/// <summary>What an operator asks when a node dies: who is in the cluster, and which node holds a case now.</summary>
public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app)
    {
        var diagnostics = app.MapAdminGroup("/diagnostics").WithTags("Diagnostics");
        diagnostics.MapGet("/cluster", async (HttpContext http, IGrainFactory grains) =>
        {
            if (CurrentUser.From(http.User).Role != ResponderRole.Admin) return AdminScope.Forbidden("the cluster");
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
            return TypedResults.Ok(hosts.Select(h => new ClusterMember(h.Key.ToString(), h.Value.ToString())).ToArray());
        });
        diagnostics.MapGet("/cases/{caseId}", async (string caseId, HttpContext http, IGrainFactory grains) =>
        {
            if (CurrentUser.From(http.User).Role != ResponderRole.Admin) return AdminScope.Forbidden("the cluster");
            var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IStudentCaseGrain>(caseId));
            return TypedResults.Ok(new CaseLocation(caseId, silo?.ToString()));
        });
        diagnostics.MapGet("/storage", async (HttpContext http, IServiceProvider services) =>
        {
            if (CurrentUser.From(http.User).Role != ResponderRole.Admin) return AdminScope.Forbidden("the cluster");
            // Cluster mode keeps state in Redis, whose own INFO command reports its writes.
            if (services.GetService<SqliteDatabase>() is not { } database)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Storage counters are kept by the embedded database only (Silo:Storage=Sqlite); ask Redis (INFO persistence) in cluster mode.");
            var c = database.Counters;
            return TypedResults.Ok(new StorageCounters("Sqlite", c.Commits, c.Writes, c.Reads, await database.UsedBytesAsync()));
        });
        return app;
    }
}
