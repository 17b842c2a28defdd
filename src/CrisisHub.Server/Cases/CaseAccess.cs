using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Cases;

/// <summary>Finds a case's routing (placement, no personal data) and decides whether a person may act on it.</summary>
public static class CaseAccess
{
    public static async Task<CaseRouting?> RoutingAsync(IGrainFactory grains, string caseId) =>
        caseId.Length is > 0 and <= 64 ? await grains.GetGrain<IStudentCaseGrain>(caseId).GetRoutingAsync() : null;

    /// <summary>404 for an unknown case, 403 for one outside the person's nodes, otherwise the grain and its routing.</summary>
    public static async Task<(IStudentCaseGrain? Grain, CaseRouting? Routing, IResult? Refusal)> AuthorizeAsync(IGrainFactory grains, HttpContext http, string caseId)
    {
        var routing = await RoutingAsync(grains, caseId);
        if (routing is null)
            return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No case '{caseId}'."));
        if (!CurrentUser.From(http.User).CanReadCase(routing.Placement))
            return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This case is outside the nodes you respond for."));
        return (grains.GetGrain<IStudentCaseGrain>(caseId), routing, null);
    }
}
