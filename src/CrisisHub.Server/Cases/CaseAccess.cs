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
    /// <param name="emergencyAdmits">
    /// Whether a running emergency (break-glass) access admits the call: reading the case and responding to its alert
    /// (acknowledge, record an action) do; changing its grade, closing it, consent and referrals stay with its responders.
    /// </param>
    public static async Task<(IStudentCaseGrain? Grain, CaseRouting? Routing, IResult? Refusal)> AuthorizeAsync(IGrainFactory grains, HttpContext http, string caseId,
        bool emergencyAdmits = false)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return (null, null, Scoped.RoleRefused("Your role does not read cases."));
        var routing = await RoutingAsync(grains, caseId);
        if (routing is null || !await AdmitsAsync(grains, user, routing, emergencyAdmits)) return (null, null, Scoped.NotFound("case"));
        return (grains.GetGrain<IStudentCaseGrain>(caseId), routing, null);
    }

    /// <summary>Scope always admits; a running emergency access only where the call allows it (see <see cref="AuthorizeAsync"/>).</summary>
    public static async Task<bool> AdmitsAsync(IGrainFactory grains, CurrentUser user, CaseRouting routing, bool emergencyAdmits) =>
        emergencyAdmits ? await MayReadAsync(grains, user, routing) : user.CanReadCase(routing.Placement);

    /// <summary>
    /// The person responds for the case's nodes, or holds a running emergency (break-glass) access to it. The grant is
    /// asked for only when scope says no, so the common path costs nothing more.
    /// </summary>
    public static async Task<bool> MayReadAsync(IGrainFactory grains, CurrentUser user, CaseRouting routing) =>
        user.CanReadCase(routing.Placement)
        || user.Role.HandlesCases()
        && await grains.GetGrain<IBreakGlassGrain>(routing.Placement.DistrictId).ActiveGrantAsync(user.UserName, routing.CaseId) is not null;
}
