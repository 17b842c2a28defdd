using CrisisHub.Contracts.Network;
using CrisisHub.Server.Seed;

namespace CrisisHub.Server.Tests;

public sealed class DemoSeedTests
{
    private readonly SeedDocument _seed = DemoSeed.Build("demo-password");

    [Fact]
    public void HasAtLeast300StudentsWithPlausibleChineseNames()
    {
        _seed.Students.Length.ShouldBeGreaterThanOrEqualTo(300);
        _seed.Students.ShouldAllBe(s => s.Name.Length >= 2 && s.Name.Length <= 3 && s.Name.All(c => c >= '\u4e00' && c <= '\u9fff'));
        _seed.Students.Select(s => s.StudentId).Distinct().Count().ShouldBe(_seed.Students.Length);
    }

    [Fact]
    public void ModelsAUniversityABoardingSchoolAndADaySchool()
    {
        var schools = _seed.Nodes.Where(n => n.Level == NetworkLevel.School).Select(n => n.NodeId).ToList();
        schools.ShouldBe(["hsu", "bs", "dx"]);
        bool HasRooms(string school) => _seed.Students.Any(s => s.ClassId.StartsWith(school + "-") && s.DormitoryId is not null);
        HasRooms("hsu").ShouldBeTrue();
        HasRooms("bs").ShouldBeTrue();
        HasRooms("dx").ShouldBeFalse();
    }

    [Fact]
    public void EveryAlertingNodeHasAResponderAndEveryStudentAGuardian()
    {
        _seed.Nodes.Where(n => n.Level != NetworkLevel.District).ShouldAllBe(n => n.Responders.Length > 0);
        _seed.Students.ShouldAllBe(s => s.Guardians.Length > 0);
    }

    [Fact]
    public void EveryPhoneNumberIsInTheRangeReservedForFictionAndUnique()
    {
        var phones = _seed.Nodes.SelectMany(n => n.Responders.Select(r => r.Phone))
            .Concat(_seed.Students.SelectMany(s => s.Guardians.Select(g => g.Phone))).ToList();

        phones.ShouldAllBe(p => p.StartsWith("+1") && p.Substring(5, 5) == "55501" && p.Length == 12);
        phones.Distinct().Count().ShouldBe(phones.Count);
    }

    [Fact]
    public void TheStartupBannerListsEveryDemoAccountIncludingEveryHospitalDesk()
    {
        var lines = DemoAccountList.Lines(_seed).ToList();
        var listed = lines.SelectMany(l => l.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToHashSet();

        _seed.Accounts.ShouldAllBe(a => listed.Contains(a.UserName));
        listed.ShouldContain("qd-uh-desk");
        lines.ShouldAllBe(l => l.Length <= 110);
    }
}
