using System.ComponentModel.DataAnnotations;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hotlines;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace CrisisHub.Server.Identity;

public sealed record LoginRequest([property: Required] string UserName, [property: Required] string Password);

public sealed record LanguageRequest(string Language);

/// <summary>The signed-in person; <see cref="Hotlines"/> are always one tap away on every page (the district's directory).</summary>
public sealed record MeResponse(string UserName, string DisplayName, string Role, string[] NodeIds, string Language, Hotline[] Hotlines);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginWithCookieAsync).AllowAnonymous().RequireRateLimiting(IdentitySetup.LoginRateLimit);
        auth.MapPost("/token", LoginWithTokenAsync).AllowAnonymous().RequireRateLimiting(IdentitySetup.LoginRateLimit);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapGet("/me", (HttpContext http, IGrainFactory grains) => MeAsync(CurrentUser.From(http.User), grains));
        auth.MapPut("/me/language", SetLanguageAsync);
        app.MapAccountLockEndpoints();
        return app;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginWithCookieAsync(LoginRequest request, SignInService signIn, IGrainFactory grains, HttpContext http)
    {
        var attempt = await signIn.SignInAsync(request);
        if (attempt.Refusal is not null) return attempt.Refusal;
        var principal = CurrentUser.ToPrincipal(attempt.Account!, attempt.SecurityStamp!, AuthSchemes.Cookie);
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        return TypedResults.Ok(await MeAsync(CurrentUser.From(principal), grains));
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> LoginWithTokenAsync(LoginRequest request, SignInService signIn)
    {
        var attempt = await signIn.SignInAsync(request);
        if (attempt.Refusal is not null) return attempt.Refusal;
        return TypedResults.SignIn(CurrentUser.ToPrincipal(attempt.Account!, attempt.SecurityStamp!, AuthSchemes.Bearer), authenticationScheme: AuthSchemes.Bearer);
    }

    /// <summary>Sign-out ends every session of the account at once (cookies, tokens, live connections), and drops this cookie.</summary>
    private static async Task<SignOutHttpResult> LogoutAsync(HttpContext http, IGrainFactory grains)
    {
        await grains.GetGrain<IUserAccountGrain>(CurrentUser.From(http.User).UserName).EndSessionsAsync();
        return TypedResults.SignOut(authenticationSchemes: [AuthSchemes.Cookie]);
    }

    /// <summary>Remembers the language on the account; a browser session gets a cookie with the new claim (and the same stamp).</summary>
    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> SetLanguageAsync(LanguageRequest request, IGrainFactory grains, SessionStamps stamps, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        var account = await grains.GetGrain<IUserAccountGrain>(user.UserName).SetLanguageAsync(request.Language);
        // The session was checked when the request was authenticated; check again right before re-issuing its cookie,
        // so a session revoked meanwhile is never given a fresh one.
        if (account.Disabled || !await stamps.IsCurrentAsync(http.User))
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Session ended", detail: "Your session has ended: sign in again.");
        if (http.User.Identity?.AuthenticationType == AuthSchemes.Cookie)
            await http.SignInAsync(AuthSchemes.Cookie, CurrentUser.ToPrincipal(account, http.User.FindFirstValue(SessionStamps.StampClaim)!, AuthSchemes.Cookie));
        return TypedResults.Ok(await MeAsync(user with { Language = account.PreferredLanguage }, grains));
    }

    /// <summary>Hashes a password the way login checks it.</summary>
    public static string HashPassword(UserAccount account, string password) => SignInService.HashPassword(account, password);

    private static async Task<MeResponse> MeAsync(CurrentUser user, IGrainFactory grains) =>
        new(user.UserName, user.DisplayName, user.Role.ToString(), user.NodeIds, user.Language, await PeopleHotlines.ForAsync(user, grains));

}
