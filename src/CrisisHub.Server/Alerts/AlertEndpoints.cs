using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Alerts;

/// <summary>
/// What a client re-reads after connecting or reconnecting: SignalR only tells it what changed, grain
/// state is the truth. Both lists are masked summaries; the full case needs its own (audited) read.
/// </summary>
public sealed record SchoolName(string SchoolId, string Name);

/// <summary>A wallboard's scope, the schools it covers (for counts by school) and every open alert in it.</summary>
public sealed record WallboardView(string ScopeId, string ScopeName, NetworkLevel Level, SchoolName[] Schools, AlertSummary[] Alerts);

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", InboxAsync).WithTags("Alerts");
        app.MapGet("/api/wallboards/{scopeId}", WallboardAsync).WithTags("Alerts");
        return app;
    }

    /// <summary>The open alerts addressed to the nodes the person responds for.</summary>
    private static async Task<IResult> InboxAsync(HttpContext http, IGrainFactory grains)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Your role receives no alerts.");

        var nodes = (await Task.WhenAll(user.NodeIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()))).OfType<WarningNodeView>().ToList();
        var caseIds = nodes.SelectMany(n => n.OpenCaseIds).ToHashSet();
        var boards = await Task.WhenAll(nodes.Select(n => n.SchoolId ?? n.NodeId).Distinct()
            .Select(scope => grains.GetGrain<IWallboardGrain>(scope).GetOpenAlertsAsync()));
        AlertSummary[] inbox = [.. boards.SelectMany(b => b).Where(a => caseIds.Contains(a.CaseId)).DistinctBy(a => a.CaseId)];
        return TypedResults.Ok(inbox);
    }

    private static async Task<IResult> WallboardAsync(string scopeId, HttpContext http, IGrainFactory grains)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.WatchesWallboards()) return Scoped.RoleRefused("Your role watches no wallboard.");
        var scope = scopeId.Length <= 64 ? await grains.GetGrain<IWarningNodeGrain>(scopeId).GetAsync() : null;
        // An unknown id and a school or district the person does not watch look the same.
        if (scope is null || !user.CanWatch(scope)) return Scoped.NotFound("school or district");
        var alerts = await grains.GetGrain<IWallboardGrain>(scopeId).GetOpenAlertsAsync();
        var schools = scope.Level == NetworkLevel.School ? [scope]
            : (await Task.WhenAll(scope.ChildIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()))).OfType<WarningNodeView>().ToArray();
        return TypedResults.Ok(new WallboardView(scope.NodeId, scope.Name, scope.Level,
            [.. schools.Select(s => new SchoolName(s.NodeId, s.Name))], alerts));
    }
}
