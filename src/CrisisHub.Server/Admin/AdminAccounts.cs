using CrisisHub.Contracts;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Admin;

/// <summary>Gathers what <see cref="AccountRules"/> decide on: the acting administrator's nodes and the target account's, as stored.</summary>
internal static class AdminAccounts
{
    public static async Task<ScopeNode?[]> ResolveAsync(IGrainFactory grains, IEnumerable<string> nodeIds) =>
        await Task.WhenAll(nodeIds.Select(async id =>
            IsPlausibleId(id) && await grains.GetGrain<IWarningNodeGrain>(id).GetAsync() is { } node ? ScopeNode.From(node) : null));

    public static async Task<AccountShape> ShapeAsync(IGrainFactory grains, ResponderRole role, IEnumerable<string> nodeIds) =>
        new(role, await ResolveAsync(grains, nodeIds));

    /// <summary>The signed-in person as an administrator: their role and the nodes their claims name, looked up.</summary>
    public static Task<AccountShape> AdminAsync(IGrainFactory grains, CurrentUser user) => ShapeAsync(grains, user.Role, user.NodeIds);

    /// <summary>
    /// Null when the signed-in administrator may save <paramref name="request"/> over <paramref name="existing"/>; otherwise the
    /// refusal as problem details. Checks the account being overwritten as stored, not only what the body names.
    /// </summary>
    public static async Task<IResult?> RefuseSaveAsync(IGrainFactory grains, CurrentUser user, UserAccount? existing, ResponderRole role, string[] nodeIds)
    {
        var requested = await ShapeAsync(grains, role, nodeIds);
        // An unknown node is a mistake in the request (404, as for every admin path naming a node), not a question of scope.
        if (Array.FindIndex(requested.Nodes, n => n is null) is var missing and >= 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"nodeIds: no node '{nodeIds[missing]}'.");
        var admin = await AdminAsync(grains, user);
        var target = existing is null ? null : await ShapeAsync(grains, existing.Role, existing.NodeIds);
        return AccountRules.CheckSave(admin, target, requested) switch
        {
            null => null,
            { Field: { } field } refusal => throw DomainRuleException.Invalid(field, refusal.Detail),
            var refusal => TypedResults.Problem(statusCode: refusal.Status, title: "Forbidden", detail: refusal.Detail),
        };
    }

    private static bool IsPlausibleId(string id) => id is { Length: > 0 and <= 64 };
}
