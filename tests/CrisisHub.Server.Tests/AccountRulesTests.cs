using CrisisHub.Contracts.Network;
using CrisisHub.Server.Admin;

namespace CrisisHub.Server.Tests;

/// <summary>The scope rules for accounts, without a server: who may save which account.</summary>
public sealed class AccountRulesTests
{
    private static readonly ScopeNode District = new("d", NetworkLevel.District, "d", null);
    private static readonly ScopeNode School = new("s1", NetworkLevel.School, "d", "s1");
    private static readonly ScopeNode OtherSchool = new("s2", NetworkLevel.School, "d", "s2");
    private static readonly ScopeNode Grade = new("s1-g1", NetworkLevel.Grade, "d", "s1");
    private static readonly ScopeNode Class = new("s1-g1-c1", NetworkLevel.Class, "d", "s1");
    private static readonly ScopeNode OtherClass = new("s2-g1-c1", NetworkLevel.Class, "d", "s2");
    private static readonly ScopeNode ElsewhereClass = new("x-g1-c1", NetworkLevel.Class, "x", "x1");

    private static readonly AccountShape DistrictAdmin = new(ResponderRole.Admin, [District]);
    private static readonly AccountShape SchoolAdmin = new(ResponderRole.Admin, [School]);

    private static AccountShape A(ResponderRole role, params ScopeNode?[] nodes) => new(role, nodes);

    [Fact]
    public void LevelsRankDistrictAdminsAboveSchoolAdminsAboveEveryoneElse()
    {
        AccountRules.LevelOf(DistrictAdmin).ShouldBe(AdminLevel.District);
        AccountRules.LevelOf(SchoolAdmin).ShouldBe(AdminLevel.School);
        AccountRules.LevelOf(A(ResponderRole.DistrictOfficer, District)).ShouldBe(AdminLevel.None);
        AccountRules.LevelOf(A(ResponderRole.Admin, Grade)).ShouldBe(AdminLevel.None, "an admin role on a grade administers nothing");
    }

    [Fact]
    public void ASchoolAdminManagesTheStaffOfTheirSchoolOnly()
    {
        AccountRules.CheckSave(SchoolAdmin, null, A(ResponderRole.HeadTeacher, Class)).ShouldBeNull();
        AccountRules.CheckSave(SchoolAdmin, A(ResponderRole.HeadTeacher, Class), A(ResponderRole.GradeDirector, Grade)).ShouldBeNull();
        AccountRules.CheckSave(SchoolAdmin, null, A(ResponderRole.HeadTeacher, OtherClass))!.Status.ShouldBe(403);
        // Every node of the account as stored counts, not only those the request names.
        AccountRules.CheckSave(SchoolAdmin, A(ResponderRole.SchoolLeader, OtherSchool), A(ResponderRole.SchoolLeader, School))!.Status.ShouldBe(403);
        AccountRules.CheckSave(SchoolAdmin, A(ResponderRole.GradeDirector, Grade, OtherClass), A(ResponderRole.GradeDirector, Grade))!.Status.ShouldBe(403);
        AccountRules.CheckSave(SchoolAdmin, A(ResponderRole.HeadTeacher, (ScopeNode?)null), A(ResponderRole.HeadTeacher, Class))!.Status.ShouldBe(403);
    }

    [Fact]
    public void NoAdminChangesAPeerASuperiorOrThemselvesNorGrantsTheirOwnLevel()
    {
        AccountRules.CheckSave(SchoolAdmin, DistrictAdmin, A(ResponderRole.HeadTeacher, Class))!.Status.ShouldBe(403);
        AccountRules.CheckSave(SchoolAdmin, SchoolAdmin, SchoolAdmin)!.Status.ShouldBe(403);
        AccountRules.CheckSave(SchoolAdmin, null, A(ResponderRole.Admin, School))!.Status.ShouldBe(403);
        AccountRules.CheckSave(DistrictAdmin, null, A(ResponderRole.Admin, School)).ShouldBeNull();
        AccountRules.CheckSave(DistrictAdmin, A(ResponderRole.Admin, School), A(ResponderRole.Admin, OtherSchool)).ShouldBeNull();
        AccountRules.CheckSave(DistrictAdmin, null, A(ResponderRole.Admin, District))!.Status.ShouldBe(403);
        AccountRules.CheckSave(DistrictAdmin, DistrictAdmin, A(ResponderRole.HeadTeacher, Class))!.Status.ShouldBe(403);
        AccountRules.CheckSave(DistrictAdmin, null, A(ResponderRole.HeadTeacher, ElsewhereClass))!.Status.ShouldBe(403);
        AccountRules.CheckSave(A(ResponderRole.SchoolLeader, School), null, A(ResponderRole.HeadTeacher, Class))!.Status.ShouldBe(403);
    }

    [Fact]
    public void HospitalDesksAreNeverGrantedOrChangedThroughAccounts()
    {
        var grant = AccountRules.CheckSave(DistrictAdmin, null, A(ResponderRole.HospitalLiaison, School))!;
        grant.Status.ShouldBe(400);
        grant.Field.ShouldBe("role");
        AccountRules.CheckSave(DistrictAdmin, A(ResponderRole.HospitalLiaison, (ScopeNode?)null), A(ResponderRole.HeadTeacher, Class))!.Status.ShouldBe(403);
        AccountRules.CheckSave(DistrictAdmin, null, A(ResponderRole.Guardian, Class))!.Status.ShouldBe(400);
    }

    [Theory]
    [InlineData(ResponderRole.HeadTeacher, NetworkLevel.District, false)]
    [InlineData(ResponderRole.HeadTeacher, NetworkLevel.School, false)]
    [InlineData(ResponderRole.HeadTeacher, NetworkLevel.Class, true)]
    [InlineData(ResponderRole.Monitor, NetworkLevel.Class, true)]
    [InlineData(ResponderRole.Monitor, NetworkLevel.Dormitory, false)]
    [InlineData(ResponderRole.DormitoryInformant, NetworkLevel.Dormitory, true)]
    [InlineData(ResponderRole.DormitorySupervisor, NetworkLevel.Dormitory, true)]
    [InlineData(ResponderRole.GradeDirector, NetworkLevel.Grade, true)]
    [InlineData(ResponderRole.GradeDirector, NetworkLevel.Class, true)]
    [InlineData(ResponderRole.GradeDirector, NetworkLevel.School, false)]
    [InlineData(ResponderRole.SchoolLeader, NetworkLevel.School, true)]
    [InlineData(ResponderRole.SchoolPsychologist, NetworkLevel.District, false)]
    [InlineData(ResponderRole.DutyOfficer, NetworkLevel.District, true)]
    [InlineData(ResponderRole.DistrictOfficer, NetworkLevel.District, true)]
    [InlineData(ResponderRole.DistrictOfficer, NetworkLevel.School, false)]
    [InlineData(ResponderRole.Admin, NetworkLevel.Grade, false)]
    [InlineData(ResponderRole.HeadTeacher, NetworkLevel.Family, false)]
    public void ARoleFitsOnlyTheLevelsItIsHeldAt(ResponderRole role, NetworkLevel level, bool fits)
    {
        var node = new ScopeNode("n", level, "d", level == NetworkLevel.District ? null : "s1");

        AccountRules.LevelsFor(role).Contains(level).ShouldBe(fits);
        var refusal = AccountRules.CheckSave(DistrictAdmin, null, A(role, node));
        if (fits && role != ResponderRole.Admin) refusal.ShouldBeNull();
        if (!fits) refusal!.Field.ShouldBe("role");
    }
}
