using System.ComponentModel.DataAnnotations;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CrisisHub.Server.Identity;

public sealed record LoginRequest([property: Required] string UserName, [property: Required] string Password);

public sealed record LanguageRequest(string Language);

/// <summary>A number to call, always one tap away on every page.</summary>
public sealed record Hotline(string Label, string Number);

public sealed record MeResponse(string UserName, string DisplayName, string Role, string[] NodeIds, string Language, Hotline[] Hotlines);

public static class AuthEndpoints
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginWithCookieAsync).AllowAnonymous().RequireRateLimiting(IdentitySetup.LoginRateLimit);
        auth.MapPost("/token", LoginWithTokenAsync).AllowAnonymous().RequireRateLimiting(IdentitySetup.LoginRateLimit);
        auth.MapPost("/logout", () => TypedResults.SignOut(authenticationSchemes: [AuthSchemes.Cookie]));
        auth.MapGet("/me", (HttpContext http, IGrainFactory grains) => MeAsync(CurrentUser.From(http.User), grains));
        auth.MapPut("/me/language", SetLanguageAsync);
        return app;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginWithCookieAsync(LoginRequest request, IGrainFactory grains, HttpContext http)
    {
        var account = await VerifyAsync(request, grains);
        if (account is null) return InvalidLogin();
        var principal = CurrentUser.ToPrincipal(account, AuthSchemes.Cookie);
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        return TypedResults.Ok(await MeAsync(CurrentUser.From(principal), grains));
    }

    /// <summary>Remembers the language on the account; a browser session gets a cookie with the new claim.</summary>
    private static async Task<Ok<MeResponse>> SetLanguageAsync(LanguageRequest request, IGrainFactory grains, HttpContext http)
    {
        var user = CurrentUser.From(http.User);
        var account = await grains.GetGrain<IUserAccountGrain>(user.UserName).SetLanguageAsync(request.Language);
        if (http.User.Identity?.AuthenticationType == AuthSchemes.Cookie)
            await http.SignInAsync(AuthSchemes.Cookie, CurrentUser.ToPrincipal(account, AuthSchemes.Cookie));
        return TypedResults.Ok(await MeAsync(user with { Language = account.PreferredLanguage }, grains));
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> LoginWithTokenAsync(LoginRequest request, IGrainFactory grains)
    {
        var account = await VerifyAsync(request, grains);
        if (account is null) return InvalidLogin();
        return TypedResults.SignIn(CurrentUser.ToPrincipal(account, AuthSchemes.Bearer), authenticationScheme: AuthSchemes.Bearer);
    }

    /// <summary>Hashes a password the way login checks it.</summary>
    public static string HashPassword(UserAccount account, string password) => Hasher.HashPassword(account, password);

    private static async Task<UserAccount?> VerifyAsync(LoginRequest request, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64 || string.IsNullOrEmpty(request.Password)) return null;
        var account = await grains.GetGrain<IUserAccountGrain>(request.UserName.Trim().ToLowerInvariant()).GetAsync();
        if (account is null || account.Disabled) return null;
        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await grains.GetGrain<IUserAccountGrain>(account.UserName).SetPasswordHashAsync(Hasher.HashPassword(account, request.Password));
        return result == PasswordVerificationResult.Failed ? null : account;
    }

    private static ProblemHttpResult InvalidLogin() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Invalid user name or password.");

    private static async Task<MeResponse> MeAsync(CurrentUser user, IGrainFactory grains) =>
        new(user.UserName, user.DisplayName, user.Role.ToString(), user.NodeIds, user.Language, await HotlinesAsync(user, grains));

    /// <summary>The national youth line and health line, and the psychology centre of the person's school.</summary>
    private static async Task<Hotline[]> HotlinesAsync(CurrentUser user, IGrainFactory grains)
    {
        List<Hotline> lines = [new("12355", "12355"), new("12320", "12320")];
        var node = user.NodeIds.Length > 0 ? await grains.GetGrain<IWarningNodeGrain>(user.NodeIds[0]).GetAsync() : null;
        var school = node?.SchoolId is { } schoolId ? await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync() : null;
        if (school?.Responders.FirstOrDefault(r => r.Role == ResponderRole.SchoolPsychologist) is { } centre)
            lines.Add(new Hotline(school.Name, centre.Phone));
        return [.. lines];
    }
}
