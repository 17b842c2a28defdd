using CrisisHub.Contracts.Network;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Ledger;

/// <summary>How far a person reaches into a school's ledger.</summary>
public enum LedgerReach
{
    /// <summary>The school's psychology centre and leading group (心理健康工作领导小组): names, reviews, the meeting's sheet.</summary>
    Keeper,

    /// <summary>The district's officers: how many students are at each level, no names, no rows.</summary>
    Counts,
}

/// <summary>Who reaches a school's ledger, decided on the school in the route (never on the body).</summary>
public static class LedgerAccess
{
    public static bool KeepsLedgers(this ResponderRole role) => role is ResponderRole.SchoolPsychologist or ResponderRole.SchoolLeader;

    /// <summary>
    /// 403 for a role that reaches no ledger (decided before the id is read), the same 404 for an unknown school and one
    /// outside the person's scope, else the school and how far the person reaches. District officers reach counts only
    /// where <paramref name="countsAdmit"/>; elsewhere their role is refused.
    /// </summary>
    public static async Task<(WarningNodeView? School, LedgerReach Reach, IResult? Refusal)> AuthorizeAsync(IGrainFactory grains, CurrentUser user,
        string schoolId, bool countsAdmit = false)
    {
        var counts = countsAdmit && user.Role == ResponderRole.DistrictOfficer;
        if (!user.Role.KeepsLedgers() && !counts)
            return (null, default, Scoped.RoleRefused("The school's psychology centre and leading group keep the attention ledger."));
        var school = schoolId.Length is > 0 and <= 64 ? await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync() : null;
        if (school is null || school.Level != NetworkLevel.School) return (null, default, Scoped.NotFound("school"));
        if (counts) return user.Holds(school.DistrictId) ? (school, LedgerReach.Counts, null) : (null, default, Scoped.NotFound("school"));
        return user.Holds(school.NodeId) ? (school, LedgerReach.Keeper, null) : (null, default, Scoped.NotFound("school"));
    }
}
