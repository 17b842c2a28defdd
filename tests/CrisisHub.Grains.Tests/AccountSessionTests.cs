using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Tests;

/// <summary>The account grain decides when an account's sessions end and says so through its port.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountSessionTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ARoleChangeEndsTheSessionsAndANewDisplayNameDoesNot()
    {
        var grain = cluster.Grains.GetGrain<IUserAccountGrain>("sessions-role");
        var account = new UserAccount("sessions-role", "Teacher", ResponderRole.HeadTeacher, ["ts1-g1-c1"], "hash-1", "zh-CN", Disabled: false);
        await grain.SaveAsync(account);
        var stamp = await grain.GetSecurityStampAsync();

        await grain.SaveAsync(account with { DisplayName = "Teacher Li" });
        (await grain.GetSecurityStampAsync()).ShouldBe(stamp);
        cluster.Sessions.Ended.ShouldNotContain("sessions-role");

        await grain.SaveAsync(account with { Role = ResponderRole.GradeDirector });
        (await grain.GetSecurityStampAsync()).ShouldNotBe(stamp);
        cluster.Sessions.Ended.ShouldContain("sessions-role");
    }
}
