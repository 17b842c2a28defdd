using System.Security.Claims;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Integrations;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// An outside system authenticated by its API key: the district that admitted it, the schools it may post for and
/// what it may post. Its audit actor is the client, never a person.
/// </summary>
public sealed record IntegrationCaller(string ClientId, string Name, IntegrationClientKind Kind, string DistrictId, string[] SchoolIds,
    IntegrationPermission[] Permissions)
{
    /// <summary>Authentication scheme of the API key handler; the policy of every /api/integrations endpoint a client calls.</summary>
    public const string Scheme = "crisishub-integration";
    public const string Policy = "integration-client";

    public const string ClientIdClaim = "crisishub:integration-client";
    public const string KindClaim = "crisishub:integration-kind";
    public const string DistrictClaim = "crisishub:integration-district";
    public const string SchoolClaim = "crisishub:integration-school";
    public const string PermissionClaim = "crisishub:integration-permission";

    /// <summary>Audit records name the client ("integration:{id}") with its name and no role.</summary>
    public Actor Actor => new($"integration:{ClientId}", Name, null);

    public bool MayPostFor(string? schoolId) => schoolId is not null && SchoolIds.Contains(schoolId);

    public bool May(IntegrationPermission permission) => Permissions.Contains(permission);

    public static IntegrationCaller From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClientIdClaim) ?? throw new InvalidOperationException("Not an integration client."),
        principal.FindFirstValue(ClaimTypes.Name) ?? "",
        Enum.Parse<IntegrationClientKind>(principal.FindFirstValue(KindClaim)!),
        principal.FindFirstValue(DistrictClaim)!,
        [.. principal.FindAll(SchoolClaim).Select(c => c.Value)],
        [.. principal.FindAll(PermissionClaim).Select(c => Enum.Parse<IntegrationPermission>(c.Value))]);

    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
    [
        new Claim(ClientIdClaim, ClientId),
        new Claim(ClaimTypes.Name, Name),
        new Claim(KindClaim, Kind.ToString()),
        new Claim(DistrictClaim, DistrictId),
        .. SchoolIds.Select(s => new Claim(SchoolClaim, s)),
        .. Permissions.Select(p => new Claim(PermissionClaim, p.ToString())),
    ], Scheme));
}
