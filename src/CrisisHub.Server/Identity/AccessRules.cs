using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Identity;

/// <summary>
/// Minimum-necessary access, in one place. A person reaches a student through the nodes they hold:
/// a head teacher their class, a grade director their grade, a leader their school, a district officer
/// their district. Reporting students never read cases.
/// </summary>
public static class AccessRules
{
    public static bool CanReadCase(this CurrentUser user, StudentPlacement placement) =>
        user.Role.HandlesCases() && placement.AllNodeIds().Any(user.Holds);

    public static bool CanFlag(this CurrentUser user, StudentPlacement placement) => user.Role switch
    {
        ResponderRole.Monitor => user.Holds(placement.ClassId),
        ResponderRole.DormitoryInformant => user.Holds(placement.DormitoryId),
        _ => user.CanReadCase(placement),
    };

    /// <summary>Duty officers, leaders, psychologists and district officers watch the live board of a school or district they hold.</summary>
    public static bool CanWatch(this CurrentUser user, WarningNodeView scope) =>
        user.Role.WatchesWallboards()
        && scope.Level is NetworkLevel.School or NetworkLevel.District
        && (user.Holds(scope.NodeId) || user.Holds(scope.DistrictId));

    /// <summary>
    /// Who answers for the privacy of a student's record: the school's psychology centre (held at the school, not a
    /// grade) and the district's administrators. They list who read the student's data and review emergency access.
    /// </summary>
    public static bool OverseesPrivacyOf(this CurrentUser user, StudentPlacement placement) =>
        user.OverseesPrivacyOf(placement.DistrictId, placement.SchoolId);

    public static bool OverseesPrivacyOf(this CurrentUser user, string districtId, string schoolId) =>
        user.Role.OverseesPrivacy() && (user.Holds(districtId) || user.Role == ResponderRole.SchoolPsychologist && user.Holds(schoolId));

    public static bool OverseesPrivacy(this ResponderRole role) => role is ResponderRole.SchoolPsychologist or ResponderRole.Admin;

    /// <summary>Administrators manage the part of the network (a district or a school) they hold.</summary>
    public static bool CanAdminister(this CurrentUser user, string districtId, string? schoolId) =>
        user.Role == ResponderRole.Admin && (user.Holds(districtId) || user.Holds(schoolId));
}
