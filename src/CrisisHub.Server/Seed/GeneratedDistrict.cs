using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Server.Seed;

/// <summary>
/// A district of any size for load tests and bulk-path checks: <c>schools</c> schools (ids <c>s000</c>, <c>s001</c>, …),
/// each with 2 grades of 4 classes (<c>s000-g1-c1</c> …) and <c>studentsPerClass</c> students per class, a head teacher
/// and a monitor per class, a director per grade, psychology centre, leader and duty officer per school, the district
/// officer <c>gd-officer</c>, the administrator <c>gd-admin</c> and one designated hospital. 100 schools of 32 per
/// class is 25,600 students. Phone numbers are in the range reserved for fiction, as in <see cref="DemoSeed"/>.
/// </summary>
public static class GeneratedDistrict
{
    public const string DistrictId = "gd";
    public const int GradesPerSchool = 2;
    public const int ClassesPerGrade = 4;

    public static string SchoolId(int school) => $"s{school:000}";
    public static string ClassId(int school, int grade, int @class) => $"{SchoolId(school)}-g{grade}-c{@class}";
    public static string StudentId(string classId, int student) => $"{classId}-s{student:00}";

    public static SeedDocument Build(int schools, int studentsPerClass, string password)
    {
        var names = new ChineseNames(schools * 7919 + studentsPerClass);
        var phones = 0;
        var nodes = new List<SeedNode>();
        var students = new List<StudentRecord>(schools * GradesPerSchool * ClassesPerGrade * studentsPerClass);
        var accounts = new List<SeedAccount>();

        void Node(string id, NetworkLevel level, string name, string? parent, params (string Account, ResponderRole Role)[] staff)
        {
            var responders = staff.Select(s =>
            {
                var person = names.Next();
                accounts.Add(new SeedAccount(s.Account, person, s.Role, [id], password));
                return new Responder(s.Account, person, s.Role, DemoSeed.FictionalPhone(phones++), OnDuty: true, s.Account);
            }).ToArray();
            nodes.Add(new SeedNode(id, level, name, parent, responders));
        }

        Node(DistrictId, NetworkLevel.District, "生成示范区", null, ($"{DistrictId}-officer", ResponderRole.DistrictOfficer));
        accounts.Add(new SeedAccount($"{DistrictId}-admin", "系统管理员", ResponderRole.Admin, [DistrictId], password));
        for (var s = 0; s < schools; s++)
        {
            var school = SchoolId(s);
            Node(school, NetworkLevel.School, $"第{s + 1}中学", DistrictId,
                ($"{school}-psych", ResponderRole.SchoolPsychologist), ($"{school}-leader", ResponderRole.SchoolLeader),
                ($"{school}-duty", ResponderRole.DutyOfficer));
            for (var g = 1; g <= GradesPerSchool; g++)
            {
                var grade = $"{school}-g{g}";
                Node(grade, NetworkLevel.Grade, $"{g}年级", school, ($"{grade}-director", ResponderRole.GradeDirector));
                for (var c = 1; c <= ClassesPerGrade; c++)
                {
                    var classId = ClassId(s, g, c);
                    Node(classId, NetworkLevel.Class, $"{g}年级{c}班", grade, ($"{classId}-teacher", ResponderRole.HeadTeacher));
                    accounts.Add(new SeedAccount($"{classId}-monitor", names.Next(), ResponderRole.Monitor, [classId], password));
                    for (var n = 1; n <= studentsPerClass; n++)
                    {
                        var name = names.Next();
                        students.Add(new StudentRecord(StudentId(classId, n), name, $"{school.ToUpperInvariant()}{g}{c}{n:00}", 12 + g, classId, null,
                            [new Guardian($"{names.SurnameOf(name)}{(n % 2 == 0 ? "母亲" : "父亲")}", n % 2 == 0 ? "mother" : "father",
                                DemoSeed.FictionalPhone(phones++))]));
                    }
                }
            }
        }

        HospitalDefinition[] hospitals =
            [new($"{DistrictId}-mhc", DistrictId, "生成区精神卫生中心", DemoSeed.FictionalPhone(phones++), [CrisisGrade.Severe, CrisisGrade.Major], "24/7", [$"{DistrictId}-mhc-desk"])];
        accounts.Add(new SeedAccount($"{DistrictId}-mhc-desk", "精神卫生中心 联络员", ResponderRole.HospitalLiaison, [hospitals[0].HospitalId], password));
        return new SeedDocument([.. nodes], [.. students], [.. accounts], Policies: null, hospitals);
    }
}
