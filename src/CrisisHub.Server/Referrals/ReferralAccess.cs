using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Referrals;

/// <summary>
/// Decides which side a person acts for on a referral: the hospital desk it is addressed to, or the school
/// people who may read its case. Anyone else is refused; another hospital's desk or another school learns
/// nothing, not even that the referral exists (the same 404 as an unknown id).
/// </summary>
public static class ReferralAccess
{
    public sealed record Grant(IReferralGrain Grain, ReferralSide Side, ReferralRouting Routing, CurrentUser User);

    /// <param name="emergencyAdmits">A running emergency access to its case admits reading the referral (the school side), never a step.</param>
    public static async Task<(Grant? Grant, IResult? Refusal)> AuthorizeAsync(IGrainFactory grains, HttpContext http, string referralId,
        bool emergencyAdmits = false)
    {
        var user = CurrentUser.From(http.User);
        if (user.Role != ResponderRole.HospitalLiaison && !user.Role.HandlesCases())
            return (null, Scoped.RoleRefused("Your role takes no part in referrals."));
        var grain = grains.GetGrain<IReferralGrain>(referralId);
        var routing = referralId.Length is > 0 and <= 80 ? await grain.GetRoutingAsync() : null;
        if (routing is null) return (null, Scoped.NotFound("referral"));
        if (user.Role == ResponderRole.HospitalLiaison)
        {
            return await HospitalDesks.IsDeskOfAsync(grains, user, routing.HospitalId)
                ? (new Grant(grain, ReferralSide.Hospital, routing, user), null)
                : (null, Scoped.NotFound("referral"));
        }

        var caseRouting = await CaseAccess.RoutingAsync(grains, routing.CaseId);
        return caseRouting is not null && await CaseAccess.AdmitsAsync(grains, user, caseRouting, emergencyAdmits)
            ? (new Grant(grain, ReferralSide.School, routing, user), null)
            : (null, Scoped.NotFound("referral"));
    }
}
