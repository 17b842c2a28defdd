using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Cases;

/// <summary>Finds a case's routing (placement, no personal data) and decides whether a person may act on it.</summary>
public static class CaseAccess
{
    public static async Task<CaseRouting?> RoutingAsync(IGrainFactory grains, string caseId) =>
        caseId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentCaseGrain>(caseId).GetRoutingAsync() : null;

    /// <summary>
    /// 403 for a role that reads no case (decided before the id is looked up), the same 404 for an unknown case
    /// and for one outside the person's nodes, otherwise the grain and its routing.
    /// </summary>
    public static async Task<(IStudentCaseGrain? Grain, CaseRouting? Routing, IResult? Refusal)> AuthorizeAsync(IGrainFactory grains, HttpContext http, string caseId)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return (null, null, Scoped.RoleRefused("Your role does not read cases."));
        var routing = await RoutingAsync(grains, caseId);
        if (routing is null || !await MayReadAsync(grains, user, routing)) return (null, null, Scoped.NotFound("case"));
        return (grains.GetGrain<IStudentCaseGrain>(caseId), routing, null);
    }

    /// <summary>
    /// The person responds for the case's nodes, or holds a running emergency (break-glass) access to it. The grant is
    /// asked for only when scope says no, so the common path costs nothing more.
    /// </summary>
    public static async Task<bool> MayReadAsync(IGrainFactory grains, CurrentUser user, CaseRouting routing) =>
        user.CanReadCase(routing.Placement)
        || user.Role.HandlesCases()
        && await grains.GetGrain<IBreakGlassGrain>(routing.Placement.DistrictId).ActiveGrantAsync(user.UserName, routing.CaseId) is not null;
}
