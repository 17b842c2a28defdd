using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Reports;

/// <summary>
/// Who reads the monthly figures. A school's report, with its counts as they are: its leadership group and psychology centre
/// (who run the monthly closed loop) and its administrators — the school's own. The district's report and view are the joint
/// conference's: the district's officers and administrators, who read each school's figures there, suppressed (a count of
/// 1 to 4 could name a child). Nobody else, whatever their node.
/// </summary>
public static class ReportAccess
{
    public static bool ReadsReports(this ResponderRole role) =>
        role is ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist or ResponderRole.Admin;

    public static bool ReadsDistrictReports(this ResponderRole role) => role is ResponderRole.DistrictOfficer or ResponderRole.Admin;

    public static bool CanReadSchoolReport(this CurrentUser user, WarningNodeView school) =>
        school.Level == NetworkLevel.School && user.Role switch
        {
            ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist => user.Holds(school.NodeId),
            ResponderRole.Admin => user.Holds(school.NodeId),
            _ => false,
        };

    public static bool CanReadDistrictReport(this CurrentUser user, WarningNodeView district) =>
        district.Level == NetworkLevel.District && user.Role.ReadsDistrictReports() && user.Holds(district.NodeId);
}
