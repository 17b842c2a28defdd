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
    [InlineData(ResponderRole.SchoolLeader, "flag inbox wallboard wallboard")]
    [InlineData(ResponderRole.HospitalLiaison, "hospital")]
    [InlineData(ResponderRole.Admin, "admin privacy")]
    [InlineData(ResponderRole.SchoolPsychologist, "flag inbox wallboard wallboard privacy plans")]
    public void EachRoleIsSentToThePagesItMayUseAndAWatcherToOneWallboardPerNode(ResponderRole role, string expected)
    {
        var user = new CurrentUser("u", "U", role, ["node-a", "node b"], "zh-CN");

        var links = HomeDestinations.For(user);

        string.Join(' ', links.Select(l => l.Key)).ShouldBe(expected);
        links.Where(l => l.Key == HomeDestinations.Wallboard).Select(l => l.Href)
            .ShouldBe(role.WatchesWallboards() ? ["/wallboard.html?scope=node-a", "/wallboard.html?scope=node%20b"] : []);
    }
}
