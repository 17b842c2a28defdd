using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Server.Seed;

/// <summary>
/// The demo district: a university (dormitory → class → department → school → family), a K-12 boarding
/// school (dormitory → class → grade → school → family) and a K-12 day school (class → grade → school →
/// family), 340 students. Every phone number is in the North American range reserved for fiction
/// (555-0100 to 555-0199 in several area codes), so no demo text can ever reach a real person.
/// </summary>
public static class DemoSeed
{
    private sealed record SchoolPlan(string Id, string Name, string[] Grades, string[] GradeNames, int ClassesPerGrade, int RoomsPerClass, int StudentsPerClass, int BaseAge);

    private static readonly SchoolPlan[] Schools =
    [
        new("hsu", "海岸大学", ["hsu-cs", "hsu-med"], ["计算机学院", "医学院"], 2, 4, 30, 19),
        new("bs", "北山寄宿中学", ["bs-g10", "bs-g11"], ["高一年级", "高二年级"], 2, 4, 30, 15),
        new("dx", "东溪实验中学", ["dx-g7", "dx-g8"], ["初一年级", "初二年级"], 2, 0, 25, 12),
    ];

    private static readonly string[] AreaCodes = ["202", "212", "312", "415", "617", "206", "718", "305"];

    /// <summary>The n-th number of the North American range reserved for fiction (NXX-555-0100 to 0199).</summary>
    public static string PolicePhone(int schoolIndex) => FictionalPhone(790 + schoolIndex);

    public static string FictionalPhone(int n) => $"+1{AreaCodes[n / 100 % AreaCodes.Length]}5550{100 + n % 100}";

    public static SeedDocument Build(string password)
    {
        var names = new ChineseNames(2026);
        var phones = 0;
        string Phone() => FictionalPhone(phones++);
        var nodes = new List<SeedNode>();
        var students = new List<StudentRecord>();
        var accounts = new List<SeedAccount>();

        SeedNode Node(string id, NetworkLevel level, string name, string? parent, params (string Account, ResponderRole Role)[] staff)
        {
            var responders = staff.Select(s =>
            {
                var person = names.Next();
                accounts.Add(new SeedAccount(s.Account, person, s.Role, [id], password));
                return new Responder(s.Account, person, s.Role, Phone(), OnDuty: true, s.Account);
            }).ToArray();
            var node = new SeedNode(id, level, name, parent, responders);
            nodes.Add(node);
            return node;
        }

        Node("qd", NetworkLevel.District, "青岛市示范区", null, ("qd-officer", ResponderRole.DistrictOfficer));
        accounts.Add(new SeedAccount("admin", "系统管理员", ResponderRole.Admin, ["qd"], password));
        foreach (var (school, index) in Schools.Select((s, i) => (s, i)))
        {
            var schoolNode = Node(school.Id, NetworkLevel.School, school.Name, "qd",
                ($"{school.Id}-psych", ResponderRole.SchoolPsychologist),
                ($"{school.Id}-leader", ResponderRole.SchoolLeader),
                ($"{school.Id}-duty", ResponderRole.DutyOfficer));
            // The school's police contact (no account): texted only when a student of the school is missing. Its number is
            // from the end of the fictional range, apart from the counted ones.
            nodes[nodes.IndexOf(schoolNode)] = schoolNode with
            {
                Responders = [.. schoolNode.Responders, new Responder($"{school.Id}-police", $"{school.Name}辖区派出所", ResponderRole.Police, PolicePhone(index), true, null)],
            };
            for (var g = 0; g < school.Grades.Length; g++)
            {
                var grade = school.Grades[g];
                Node(grade, NetworkLevel.Grade, school.GradeNames[g], school.Id, ($"{grade}-director", ResponderRole.GradeDirector));
                for (var c = 1; c <= school.ClassesPerGrade; c++)
                {
                    var classId = $"{grade}-c{c}";
                    Node(classId, NetworkLevel.Class, $"{school.GradeNames[g]}{c}班", grade, ($"{classId}-teacher", ResponderRole.HeadTeacher));
                    accounts.Add(new SeedAccount($"{classId}-monitor", names.Next(), ResponderRole.Monitor, [classId], password));
                    var rooms = Enumerable.Range(1, school.RoomsPerClass).Select(r => Node($"{classId}-r{r}", NetworkLevel.Dormitory,
                        $"{school.GradeNames[g]}{c}班 {r}号寝室", classId, ($"{classId}-r{r}-supervisor", ResponderRole.DormitorySupervisor))).ToArray();
                    if (rooms.Length > 0)
                        accounts.Add(new SeedAccount($"{rooms[0].NodeId}-informant", names.Next(), ResponderRole.DormitoryInformant, [rooms[0].NodeId], password));
                    for (var s = 1; s <= school.StudentsPerClass; s++)
                    {
                        var name = names.Next();
                        students.Add(new StudentRecord($"{classId}-s{s:00}", name, $"{grade.ToUpperInvariant()}{c}{s:00}", school.BaseAge + g,
                            classId, rooms.Length > 0 ? rooms[(s - 1) % rooms.Length].NodeId : null,
                            [new Guardian($"{names.SurnameOf(name)}{(s % 2 == 0 ? "母亲" : "父亲")}", s % 2 == 0 ? "mother" : "father", Phone())]));
                    }
                }
            }
        }

        // The district's designated hospitals (定点医院) and their liaison desks.
        HospitalDefinition[] hospitals =
        [
            new("qd-mhc", "qd", "青岛市精神卫生中心", Phone(), [CrisisGrade.Severe, CrisisGrade.Major], "24小时 / 24/7", ["qd-mhc-desk"]),
            new("qd-uh", "qd", "海岸大学附属医院心理科", Phone(), [CrisisGrade.Severe], "周一至周五 8:00–17:00 / Mon–Fri 8:00–17:00", ["qd-uh-desk"]),
        ];
        foreach (var hospital in hospitals)
            accounts.Add(new SeedAccount(hospital.DeskAccounts[0], $"{hospital.Name} 联络员", ResponderRole.HospitalLiaison, [hospital.HospitalId], password));

        return new SeedDocument([.. nodes], [.. students], [.. accounts], Policies: null, hospitals);
    }
}
