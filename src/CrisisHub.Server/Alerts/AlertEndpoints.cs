using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Alerts;

/// <summary>
/// What a client re-reads after connecting or reconnecting: SignalR only tells it what changed, grain
/// state is the truth. Both lists are masked summaries; the full case needs its own (audited) read.
/// </summary>
public sealed record SchoolName(string SchoolId, string Name);

/// <summary>
/// A wallboard's scope, the schools it covers, one page of its open alerts (most severe, then oldest, first) and
/// the exact counts of all of them: a district with ten thousand open alerts opens as fast as one with ten.
/// </summary>
/// <param name="EmergencyAccessesUnreviewed">On a district's board: emergency accesses still unreviewed after the review is due.</param>
/// <param name="SignalsUnmatched">Outside signals that named no student and have waited for a person longer than 30 minutes.</param>
public sealed record WallboardView(string ScopeId, string ScopeName, NetworkLevel Level, SchoolName[] Schools, AlertSummary[] Alerts,
    int Total, BoardCount[] ByGrade, BoardCount[] BySchool, int Skip, int Take, int EmergencyAccessesUnreviewed, int SignalsUnmatched);

public static class AlertEndpoints
{
    /// <summary>A wall shows a few dozen cards; the rest are counted and reached by paging.</summary>
    public const int DefaultWallboardPage = 200;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", InboxAsync).WithTags("Alerts");
        app.MapGet("/api/wallboards/{scopeId}", WallboardAsync).WithTags("Alerts");
        return app;
    }

    /// <summary>The open alerts addressed to the nodes the person responds for (at most one page of the most severe).</summary>
    private static async Task<IResult> InboxAsync(HttpContext http, IAlertBoard board)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Your role receives no alerts.");
        var page = await board.ReadAsync([.. user.NodeIds.Select(BoardScope.Inbox)], 0, AlertBoardOrder.MostPerPage);
        return TypedResults.Ok(page.Alerts);
    }

    private static async Task<IResult> WallboardAsync(string scopeId, HttpContext http, IGrainFactory grains, IAlertBoard board,
        int? skip, int? take)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.WatchesWallboards()) return Scoped.RoleRefused("Your role watches no wallboard.");
        var scope = scopeId.Length <= 64 ? await grains.GetGrain<IWarningNodeGrain>(scopeId).GetAsync() : null;
        // An unknown id and a school or district the person does not watch look the same.
        if (scope is null || !user.CanWatch(scope)) return Scoped.NotFound("school or district");
        if (skip is < 0) return Invalid("skip", "must be 0 or more");
        if (take is < 1 or > AlertBoardOrder.MostPerPage) return Invalid("take", $"must be from 1 to {AlertBoardOrder.MostPerPage}");
        var (from, count) = (skip ?? 0, take ?? DefaultWallboardPage);
        var page = await board.ReadAsync([BoardScope.Wall(scopeId)], from, count);
        var schools = scope.Level == NetworkLevel.School ? [scope]
            : (await Task.WhenAll(scope.ChildIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()))).OfType<WarningNodeView>().ToArray();
        var overdueReviews = scope.Level == NetworkLevel.District
            ? await grains.GetGrain<IBreakGlassGrain>(scope.NodeId).CountAwaitingReviewOlderThanAsync(BreakGlassRules.ReviewDue)
            : 0;
        var unmatched = await Task.WhenAll(schools.Select(s =>
            grains.GetGrain<Contracts.Integrations.Signals.ISchoolSignalsGrain>(s.NodeId).CountWaitingLongerThanAsync(Integrations.SignalQueueEndpoints.Overdue)));
        return TypedResults.Ok(new WallboardView(scope.NodeId, scope.Name, scope.Level,
            [.. schools.Select(s => new SchoolName(s.NodeId, s.Name))], page.Alerts, page.Total, page.ByGrade, page.BySchool, from, count, overdueReviews,
            unmatched.Sum()));
    }

    private static IResult Invalid(string parameter, string problem) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [parameter] = [problem] }, detail: $"{parameter} {problem}.");
}
