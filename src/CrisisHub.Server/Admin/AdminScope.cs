using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Admin;

/// <summary>Resolves a node and checks that the administrator holds its district or school.</summary>
internal static class AdminScope
{
    public static async Task<(WarningNodeView? Node, IResult? Refusal)> NodeAsync(IGrainFactory grains, HttpContext http, string? nodeId, string field = "nodeId")
    {
        var node = nodeId is { Length: > 0 and <= 64 } ? await grains.GetGrain<IWarningNodeGrain>(nodeId).GetAsync() : null;
        if (node is null)
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"{field}: no node '{nodeId}'."));
        return CurrentUser.From(http.User).CanAdminister(node.DistrictId, node.Level == NetworkLevel.School ? node.NodeId : node.SchoolId)
            ? (node, null)
            : (null, Forbidden(node.NodeId));
    }

    /// <summary>
    /// For a district's own settings: the refusal of <see cref="NodeAsync"/>, or null when the administrator holds the
    /// district; a node that is not a district is a 400 saying <paramref name="whatBelongs"/> belongs to one.
    /// </summary>
    public static async Task<IResult?> DistrictAsync(IGrainFactory grains, HttpContext http, string districtId, string whatBelongs)
    {
        var (node, refusal) = await NodeAsync(grains, http, districtId, "districtId");
        if (refusal is not null) return refusal;
        if (node!.Level != NetworkLevel.District) throw Contracts.DomainRuleException.Invalid("districtId", $"{whatBelongs} belong to a district");
        return null;
    }

    public static IResult Forbidden(string nodeId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: $"You do not administer '{nodeId}'.");
}
