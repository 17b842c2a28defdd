using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Admin;

namespace CrisisHub.Server.Identity;

/// <summary>Lifting a sign-in lockout: an administrator whose scope covers every node of the account.</summary>
public static class AccountLockEndpoints
{
    public static IEndpointRouteBuilder MapAccountLockEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup().MapPost("/accounts/{userName}/unlock", UnlockAsync).WithTags("Admin");
        return app;
    }

    private static async Task<IResult> UnlockAsync(string userName, IGrainFactory grains, HttpContext http)
    {
        if (CurrentUser.From(http.User).Role != ResponderRole.Admin) return AdminScope.Forbidden("accounts");
        // One answer for "no such account" and "not yours", so the call does not reveal which names exist elsewhere.
        var notFound = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No account '{userName}' in your scope.");
        var account = userName.Length <= 64 ? await grains.GetGrain<IUserAccountGrain>(userName).GetAsync() : null;
        if (account is null || account.NodeIds.Length == 0) return notFound;
        // The same rule as changing the account: every node in scope and the account below the administrator's level.
        var admin = await AdminAccounts.AdminAsync(grains, CurrentUser.From(http.User));
        var target = await AdminAccounts.ShapeAsync(grains, account.Role, account.NodeIds);
        if (!AccountRules.Administers(admin, target)) return notFound;

        await grains.GetGrain<IUserAccountGrain>(userName).UnlockAsync();
        var district = target.Nodes.First(n => n is not null)!.DistrictId;
        await AdminAudit.RecordAsync(grains, http, district, AdminAuditActions.AccountUnlocked, $"account:{userName}", null, new { unlocked = true });
        return TypedResults.NoContent();
    }
}
