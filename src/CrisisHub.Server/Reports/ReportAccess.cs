using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Reports;

/// <summary>
/// Who reads the monthly figures. A school's report: its leadership group and psychology centre (who run the monthly
/// closed loop), its administrators, and the district's officers and administrators. The district's report and view
/// are the joint conference's: the district's officers and administrators. Nobody else, whatever their node.
/// </summary>
public static class ReportAccess
{
    public static bool ReadsReports(this ResponderRole role) =>
        role is ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist or ResponderRole.DistrictOfficer or ResponderRole.Admin;

    public static bool ReadsDistrictReports(this ResponderRole role) => role is ResponderRole.DistrictOfficer or ResponderRole.Admin;

    public static bool CanReadSchoolReport(this CurrentUser user, WarningNodeView school) =>
        school.Level == NetworkLevel.School && user.Role switch
        {
            ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist => user.Holds(school.NodeId),
            ResponderRole.Admin => user.Holds(school.NodeId) || user.Holds(school.DistrictId),
            ResponderRole.DistrictOfficer => user.Holds(school.DistrictId),
            _ => false,
        };

    public static bool CanReadDistrictReport(this CurrentUser user, WarningNodeView district) =>
        district.Level == NetworkLevel.District && user.Role.ReadsDistrictReports() && user.Holds(district.NodeId);
}
