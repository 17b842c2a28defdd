using CrisisHub.Contracts.Identity;
using CrisisHub.Grains.Sms;
using CrisisHub.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Identity;

/// <summary>A sign-in attempt's result: the account and the stamp to put in its session, or the refusal to send.</summary>
public sealed record SignInAttempt(UserAccount? Account, string? SecurityStamp, ProblemHttpResult? Refusal);

/// <summary>
/// Checks a user name and password. Every attempt costs the same whether or not the name exists or is disabled: one
/// grain read, one password-hash verification (against a fixed dummy hash when there is no usable account), one grain
/// call that counts failures. Five failures in 15 minutes lock the name for 15 minutes. The demo password is refused
/// unless this server seeds demo data.
/// </summary>
public sealed class SignInService(IGrainFactory grains, IOptions<CrisisHubOptions> options, IOptions<SmsOptions> sms, IPasswordHasher<UserAccount> verifier)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly UserAccount NoAccount = new("-", "-", default, [], "", "zh-CN", Disabled: true);
    // Same algorithm and iteration count as every real hash, of a random password nobody knows.
    private static readonly string DummyHash = Hasher.HashPassword(NoAccount, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));

    /// <summary>Demo data is on when no seed file is configured and demo seeding is (the rule <c>SeedOnStart</c> follows).</summary>
    public bool DemoDataOn => options.Value.SeedFile is null && options.Value.SeedDemoData;

    public static string HashPassword(UserAccount account, string password) => Hasher.HashPassword(account, password);

    public async Task<SignInAttempt> SignInAsync(LoginRequest request)
    {
        var userName = (request.UserName ?? "").Trim().ToLowerInvariant();
        var password = request.Password ?? "";
        if (userName.Length is 0 or > 64 || password.Length is 0 or > PasswordPolicy.MaxLength) return new(null, null, InvalidLogin());

        var grain = grains.GetGrain<IUserAccountGrain>(userName);
        var account = await grain.GetAsync();
        var usable = account is { Disabled: false, PasswordHash.Length: > 0 } ? account : null;
        var verified = verifier.VerifyHashedPassword(usable ?? NoAccount, usable?.PasswordHash ?? DummyHash, password);
        var demoRefused = !DemoDataOn && (password == PasswordPolicy.DemoPassword || password == options.Value.DemoPassword);
        var matched = usable is not null && verified != PasswordVerificationResult.Failed && !demoRefused ? usable.PasswordHash : null;

        var outcome = await grain.RecordSignInAsync(matched);
        switch (outcome.Status)
        {
            case SignInStatus.LockedOut:
                return new(null, null, Locked(outcome.LockedUntil!.Value));
            case SignInStatus.Failed:
                return new(null, null, demoRefused ? DemoPasswordRefused() : InvalidLogin());
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded) await grain.SetPasswordHashAsync(Hasher.HashPassword(usable!, password));
        return new(usable, outcome.SecurityStamp, null);
    }

    private static ProblemHttpResult InvalidLogin() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Invalid user name or password.");

    private static ProblemHttpResult DemoPasswordRefused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
            detail: "The demo password is accepted only while this server runs with demo data; ask an administrator to set your password.");

    private ProblemHttpResult Locked(DateTimeOffset until)
    {
        var zone = TryZone(sms.Value.TimeZone);
        var local = zone is null ? until : TimeZoneInfo.ConvertTime(until, zone);
        var zoneName = zone is null ? "UTC" : sms.Value.TimeZone;
        return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
            detail: $"Account locked after {Grains.Identity.UserAccountGrain.MaxFailures} failed sign-ins: try again after {local:HH:mm} ({zoneName}) or ask an administrator to unlock it.",
            extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });
    }

    private static TimeZoneInfo? TryZone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return null; }
    }
}
