using System.Security.Claims;
using CrisisHub.Contracts.Identity;

namespace CrisisHub.Server.Identity;

/// <summary>
/// Whether a signed-in principal's session still holds: its security stamp claim equals the account's current stamp
/// (one call to the account grain, which keeps the stamp in memory). Any node of a cluster sees a revocation at once,
/// because the stamp lives in the account's single grain activation.
/// </summary>
public sealed class SessionStamps(IGrainFactory grains, TimeProvider time)
{
    public const string StampClaim = "crisishub:stamp";

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal)
    {
        var userName = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(StampClaim);
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(stamp)) return false;
        // A read, so repeated through a cluster change here: authentication keeps its first result for the whole request.
        return await Failover.TransientGrainFailure.RetryAsync(() => grains.GetGrain<IUserAccountGrain>(userName).GetSecurityStampAsync(), time) == stamp;
    }
}
