using System.Security.Claims;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Identity;

/// <summary>The signed-in person as the claims describe them: role and the warning-network nodes they hold.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, string Language)
{
    public const string NodeClaim = "crisishub:node";
    public const string LanguageClaim = "crisishub:lang";

    public Actor Actor => new(UserName, DisplayName, Role);

    public static CurrentUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."),
        principal.FindFirstValue(ClaimTypes.Name) ?? "",
        Enum.Parse<ResponderRole>(principal.FindFirstValue(ClaimTypes.Role) ?? nameof(ResponderRole.Monitor)),
        [.. principal.FindAll(NodeClaim).Select(c => c.Value)],
        principal.FindFirstValue(LanguageClaim) ?? "zh-CN");

    /// <summary>The session's claims; <paramref name="securityStamp"/> ties it to the account's current stamp (see <see cref="SessionStamps"/>).</summary>
    public static ClaimsPrincipal ToPrincipal(UserAccount account, string securityStamp, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(SessionStamps.StampClaim, securityStamp),
        new Claim(ClaimTypes.NameIdentifier, account.UserName),
        new Claim(ClaimTypes.Name, account.DisplayName),
        new Claim(ClaimTypes.Role, account.Role.ToString()),
        new Claim(LanguageClaim, account.PreferredLanguage),
        .. account.NodeIds.Select(n => new Claim(NodeClaim, n)),
    ], scheme));

    public bool Holds(string? nodeId) => nodeId is not null && NodeIds.Contains(nodeId);
}
