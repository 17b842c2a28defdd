using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Privacy;

public sealed record BreakGlassOpenRequest(string? Reason);

public sealed record BreakGlassReviewRequest(BreakGlassOutcome Outcome, string? Comment);

/// <summary>What the live hub tells a school's and district's watchers: ids, the opener's role and times; never the reason or a name.</summary>
public sealed record BreakGlassNotice(string UseId, string CaseId, string SchoolId, string Role, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Emergency (break-glass) access: staff of the case's own school who do not respond for it may open a Severe or
/// Major case with a reason, for a limited time; the psychology centre and the district's administrators review
/// every use. Administrators and hospital desks cannot break glass. It admits reading the case (in the opener's own
/// role's shape) and its referrals, and responding to its alert (acknowledge, record an action); grade, closing,
/// consent and referral steps stay with the case's responders (<see cref="CaseAccess.AuthorizeAsync"/>).
/// </summary>
public static class BreakGlassEndpoints
{
    public static IEndpointRouteBuilder MapBreakGlassEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{caseId}/break-glass", OpenAsync).WithTags("Privacy");
        app.MapGet("/api/break-glass", ListAsync).WithTags("Privacy");
        app.MapPost("/api/districts/{districtId}/break-glass/{useId}/review", ReviewAsync).WithTags("Privacy");
        return app;
    }

    private static async Task<IResult> OpenAsync(string caseId, BreakGlassOpenRequest request, IGrainFactory grains, HttpContext http,
        IOptions<BreakGlassOptions> options, IHubContext<AlertHub> hub)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return Scoped.RoleRefused("Your role cannot open a case in an emergency.");
        var routing = await CaseAccess.RoutingAsync(grains, caseId);
        // Only staff of the case's own school; anyone else learns nothing about the case, as for a read.
        var mine = await AdminAccounts.ResolveAsync(grains, user.NodeIds);
        if (routing is null || !mine.Any(n => n?.SchoolId == routing.Placement.SchoolId || n?.NodeId == routing.Placement.DistrictId))
            return Scoped.NotFound("case");
        if (user.CanReadCase(routing.Placement))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "You already respond for this case: open it as usual.");

        var use = await grains.GetGrain<IBreakGlassGrain>(routing.Placement.DistrictId).OpenAsync(new BreakGlassRequest(user.Actor, routing.CaseId,
            routing.StudentId, routing.Placement, routing.Grade, request.Reason ?? "", TimeSpan.FromMinutes(options.Value.Minutes)));
        var notice = new BreakGlassNotice(use.UseId, use.CaseId, use.SchoolId, use.Role, use.OpenedAt, use.ExpiresAt);
        // At once: the school's and district's live boards (psychology centre, leaders, duty officers) and the privacy pages
        // of those who review it (the school's psychology centre, the district's administrators). The psychology centre is
        // also texted (the grain).
        await hub.Clients.Groups([HubGroups.Stream(use.SchoolId), HubGroups.Stream(use.DistrictId), HubGroups.Privacy(use.SchoolId),
            HubGroups.Privacy(use.DistrictId)]).SendAsync(HubEvents.BreakGlass, notice);
        return TypedResults.Ok(use);
    }

    /// <summary>The uses the caller reviews, in every district they hold a node in: the district's administrators see all of it, a school's psychology centre its school's.</summary>
    private static async Task<IResult> ListAsync(IGrainFactory grains, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.OverseesPrivacy()) return Scoped.RoleRefused("Only the psychology centre and district administrators review emergency access.");
        var districts = (await AdminAccounts.ResolveAsync(grains, user.NodeIds)).OfType<ScopeNode>().Select(n => n.DistrictId).Distinct();
        var lists = await Task.WhenAll(districts.Select(d => grains.GetGrain<IBreakGlassGrain>(d).ListAsync()));
        bool Visible(BreakGlassUse u) => user.OverseesPrivacyOf(u.DistrictId, u.SchoolId);
        return TypedResults.Ok(new BreakGlassList(
            [.. lists.SelectMany(l => l.AwaitingReview).Where(Visible).OrderBy(u => u.OpenedAt)],
            [.. lists.SelectMany(l => l.RecentlyReviewed).Where(Visible).OrderByDescending(u => u.Review!.At)]));
    }

    private static async Task<IResult> ReviewAsync(string districtId, string useId, BreakGlassReviewRequest request, IGrainFactory grains, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.OverseesPrivacy()) return Scoped.RoleRefused("Only the psychology centre and district administrators review emergency access.");
        var grain = grains.GetGrain<IBreakGlassGrain>(districtId);
        var list = await grain.ListAsync();
        // Scope is checked on the use itself (its school and district), not on the district the path names.
        var use = list.AwaitingReview.Concat(list.RecentlyReviewed).FirstOrDefault(u => u.UseId == useId);
        if (use is null || !user.OverseesPrivacyOf(use.DistrictId, use.SchoolId))
            return Scoped.NotFound("emergency access");
        return TypedResults.Ok(await grain.ReviewAsync(useId, user.Actor, request.Outcome, request.Comment ?? ""));
    }
}
