using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Pages;

namespace CrisisHub.Server.Tests;

/// <summary>GET /api/home's decision as a table: which pages each role is sent to (the pages no longer keep role lists).</summary>
public sealed class HomeDestinationsTests
{
    [Theory]
    [InlineData(ResponderRole.Monitor, "flag")]
    [InlineData(ResponderRole.DormitoryInformant, "flag")]
    [InlineData(ResponderRole.HeadTeacher, "flag inbox")]
    [InlineData(ResponderRole.DutyOfficer, "flag inbox wallboard wallboard")]
    [InlineData(ResponderRole.SchoolLeader, "flag inbox wallboard wallboard ledger ledger report report")]
    [InlineData(ResponderRole.HospitalLiaison, "hospital")]
    [InlineData(ResponderRole.Admin, "admin privacy")]
    [InlineData(ResponderRole.SchoolPsychologist, "flag inbox wallboard wallboard ledger ledger privacy screening screening signals signals report report plans")]
    [InlineData(ResponderRole.DistrictOfficer, "flag inbox wallboard wallboard district district")]
    public void EachRoleIsSentToThePagesItMayUseAndAWatcherToOneWallboardPerNode(ResponderRole role, string expected)
    {
        var user = new CurrentUser("u", "U", role, ["node-a", "node b"], "zh-CN");

        var links = HomeDestinations.For(user);

        string.Join(' ', links.Select(l => l.Key)).ShouldBe(expected);
        links.Where(l => l.Key == HomeDestinations.Wallboard).Select(l => l.Href)
            .ShouldBe(role.WatchesWallboards() ? ["/wallboard.html?scope=node-a", "/wallboard.html?scope=node%20b"] : []);
        links.Where(l => l.Key == HomeDestinations.Ledger).Select(l => l.Href)
            .ShouldBe(role is ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist ? ["/ledger.html?school=node-a", "/ledger.html?school=node%20b"] : []);
    }

    [Fact]
    public void AnAdministratorIsSentToTheReportOfASchoolAndTheViewOfADistrictItHolds()
    {
        var user = new CurrentUser("u", "U", ResponderRole.Admin, ["s1", "d1", "c1", "unknown"], "zh-CN");
        var levels = new Dictionary<string, NetworkLevel> { ["s1"] = NetworkLevel.School, ["d1"] = NetworkLevel.District, ["c1"] = NetworkLevel.Class };

        var links = HomeDestinations.For(user, levels);

        links.Select(l => l.Href).ShouldBe(["/admin.html", "/privacy.html", "/report.html?school=s1", "/district.html?district=d1"]);
    }
}
