using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Audit;

/// <summary>
/// Who may verify a district's audit chains: its district administrators, and its district officers (the education
/// bureau, who answer for the district's cases and already read every one of them). A school administrator may not: the
/// district's admin chain also records changes to school admins. The report holds chain ids and numbers, never a name.
/// </summary>
public static class AuditAccess
{
    public static bool MayVerifyAudits(this CurrentUser user) => user.Role is ResponderRole.Admin or ResponderRole.DistrictOfficer;

    public static bool MayVerify(this CurrentUser user, WarningNodeView district) =>
        user.MayVerifyAudits() && district.Level == NetworkLevel.District && user.Holds(district.NodeId);
}
