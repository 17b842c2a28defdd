using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using CrisisHub.Server.Notifications;

namespace CrisisHub.Server.Identity;

/// <summary>
/// The default scheme: picks the bearer handler when a token is presented and the cookie otherwise (as a policy
/// scheme would), then refuses the session when its security stamp is no longer the account's. Authorization, the
/// hub's negotiate and every endpoint authenticate through here, so a revoked cookie or token gets 401 at its next
/// request; a revoked cookie is also deleted.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder, SessionStamps stamps)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string InnerScheme(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (http.Request.Path.StartsWithSegments(AlertHub.Path) && http.Request.Query.ContainsKey("access_token"))
            ? AuthSchemes.Bearer
            : AuthSchemes.Cookie;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var inner = InnerScheme(Context);
        var result = await Context.AuthenticateAsync(inner);
        if (!result.Succeeded) return result.None ? AuthenticateResult.NoResult() : result;
        if (await stamps.IsCurrentAsync(result.Principal)) return result;
        if (inner == AuthSchemes.Cookie) await Context.SignOutAsync(AuthSchemes.Cookie);
        return AuthenticateResult.Fail("The session has ended: sign in again.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(InnerScheme(Context), properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(InnerScheme(Context), properties);
}
