using CrisisHub.Server.Identity;
using Microsoft.AspNetCore.Authentication;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Cross-site request forgery check. A browser attaches the sign-in cookie to whatever page sends the
/// request, so a change made with the cookie must come from one of CrisisHub's own pages: the request's
/// Origin (or, without one, Sec-Fetch-Site: same-origin) must be this server's own origin. SameSite=Strict
/// already keeps the cookie off cross-site requests; this holds even where a browser ignores SameSite, and
/// also covers sign-in itself (login CSRF: signing a victim into the attacker's account) and the hub's
/// WebSocket upgrade (cross-site WebSocket hijacking). Bearer tokens are not sent by browsers on their own,
/// so token calls are exempt; so are Twilio's webhooks, which carry a signature and no cookie.
/// </summary>
public static class SameOriginCheck
{
    public const string LoginPath = "/api/auth/login";

    public static IApplicationBuilder UseSameOriginCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (await MustComeFromOwnPageAsync(http) && !IsSameOrigin(http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Cross-site request refused",
                    Detail = "A change made with the sign-in cookie must come from CrisisHub's own pages (Origin header).",
                },
            });
            return;
        }

        await next(http);
    });

    private static async Task<bool> MustComeFromOwnPageAsync(HttpContext http)
    {
        var request = http.Request;
        var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (changes && request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)) return true;
        // The WebSocket middleware runs later (inside MapHub), so the upgrade is recognised by its header.
        if (!changes && !string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)) return false;
        // Which handler vouched for the caller: the smart scheme forwards to the cookie or to the bearer one.
        var result = await http.AuthenticateAsync(AuthSchemes.Smart);
        return result.Succeeded && result.Ticket.AuthenticationScheme == AuthSchemes.Cookie;
    }

    public static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return request.Headers["Sec-Fetch-Site"].ToString() == "same-origin";
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var claimed)) return false; // includes "null" from sandboxed frames
        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return claimed.Scheme == request.Scheme
            && string.Equals(claimed.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && claimed.Port == port;
    }
}
