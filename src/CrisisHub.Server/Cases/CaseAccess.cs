using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
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
        if (routing is null || !user.CanReadCase(routing.Placement)) return (null, null, Scoped.NotFound("case"));
        return (grains.GetGrain<IStudentCaseGrain>(caseId), routing, null);
    }
}
