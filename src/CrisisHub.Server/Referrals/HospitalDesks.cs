using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Referrals;

/// <summary>
/// Which hospitals a person is a liaison desk of. Holding a hospital's id in one's claims is not enough: the hospital's
/// own definition (kept by a district administrator) must list the account, so no other path can mint a desk.
/// </summary>
public static class HospitalDesks
{
    public static async Task<bool> IsDeskOfAsync(IGrainFactory grains, CurrentUser user, string hospitalId) =>
        user.Role == ResponderRole.HospitalLiaison && user.Holds(hospitalId)
        && await grains.GetGrain<IHospitalGrain>(hospitalId).IsDeskAccountAsync(user.UserName);

    public static async Task<string[]> HospitalsOfAsync(IGrainFactory grains, CurrentUser user)
    {
        var held = await Task.WhenAll(user.NodeIds.Select(async id => (id, desk: await IsDeskOfAsync(grains, user, id))));
        return [.. held.Where(h => h.desk).Select(h => h.id)];
    }
}
