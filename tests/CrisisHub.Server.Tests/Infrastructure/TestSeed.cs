using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Seed;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// A small district for the HTTP tests: two schools (one with dormitories), two grades each, one class
/// per grade, 20 students per class, and an account for every role. Student ids: "{class}-s{nn}".
/// </summary>
public static class TestSeed
{
    public const string Password = "test-password-1";
    public const string District = "td";
    public const string School = "ts1";
    public const string OtherSchool = "ts2";
    public const string Grade = "ts1-g1";
    public const string OtherGrade = "ts1-g2";
    public const string Class = "ts1-g1-c1";
    public const string OtherClassSameSchool = "ts1-g2-c1";
    public const string OtherSchoolClass = "ts2-g1-c1";
    public const string Room = "ts1-g1-c1-r1";
    public const string StudentName = "欧阳测试";
    public const string GuardianPhone = "+13125550177";
    public const string Hospital = "th1";
    public const string OtherHospital = "th2";
    public const string HospitalDesk = "th1-desk";
    public const string OtherHospitalDesk = "th2-desk";
    public const string SchoolAdmin = "ts1-admin";
    public const string Psychologist = "ts1-psych";
    /// <summary>The police contact of school ts1 (ts2's is <c>DemoSeed.PolicePhone(1)</c>): texted only about a missing student.</summary>
    public static readonly string PolicePhone = DemoSeed.PolicePhone(0);

    public static string Student(string classId, int n) => $"{classId}-s{n:00}";

    public static SeedDocument Build()
    {
        var phone = 0;
        string Phone() => DemoSeed.FictionalPhone(phone++);
        var nodes = new List<SeedNode>();
        var accounts = new List<SeedAccount>();
        var students = new List<StudentRecord>();

        void Node(string id, NetworkLevel level, string? parent, params (string Account, ResponderRole Role)[] staff)
        {
            nodes.Add(new SeedNode(id, level, $"{level} {id}", parent,
                [.. staff.Select(s => new Responder(s.Account, $"Staff {s.Account}", s.Role, Phone(), true, s.Account))]));
            accounts.AddRange(staff.Select(s => new SeedAccount(s.Account, $"Staff {s.Account}", s.Role, [id], Password)));
        }

        Node(District, NetworkLevel.District, null, ("officer", ResponderRole.DistrictOfficer));
        accounts.Add(new SeedAccount("admin", "Admin", ResponderRole.Admin, [District], Password));
        accounts.Add(new SeedAccount("other-admin", "Other admin", ResponderRole.Admin, ["elsewhere"], Password));
        // An administrator of one school only: the scope tests check what they may and may not reach.
        accounts.Add(new SeedAccount(SchoolAdmin, "School admin", ResponderRole.Admin, [School], Password));
        // The psychology centre of school ts1: an account only (not a responder at the node, so escalation texts stay as
        // the delivery tests count them); the privacy tests make it a responder where they need its phone.
        accounts.Add(new SeedAccount(Psychologist, "Psychology centre", ResponderRole.SchoolPsychologist, [School], Password));
        foreach (var school in new[] { School, OtherSchool })
        {
            Node(school, NetworkLevel.School, District, ($"{school}-leader", ResponderRole.SchoolLeader), ($"{school}-duty", ResponderRole.DutyOfficer));
            // Each school's police contact: a number, no account (it is never a caller of the matrix).
            nodes[^1] = nodes[^1] with
            {
                Responders = [.. nodes[^1].Responders, new Responder($"{school}-police", $"Police {school}", ResponderRole.Police,
                    DemoSeed.PolicePhone(school == School ? 0 : 1), true, null)],
            };
            foreach (var g in new[] { 1, 2 })
            {
                var grade = $"{school}-g{g}";
                var classId = $"{grade}-c1";
                Node(grade, NetworkLevel.Grade, school, ($"{grade}-director", ResponderRole.GradeDirector));
                Node(classId, NetworkLevel.Class, grade, ($"{classId}-teacher", ResponderRole.HeadTeacher));
                accounts.Add(new SeedAccount($"{classId}-monitor", "Monitor", ResponderRole.Monitor, [classId], Password));
                string? room = null;
                if (school == School)
                {
                    room = $"{classId}-r1";
                    Node(room, NetworkLevel.Dormitory, classId, ($"{room}-supervisor", ResponderRole.DormitorySupervisor));
                    accounts.Add(new SeedAccount($"{room}-informant", "Informant", ResponderRole.DormitoryInformant, [room], Password));
                }

                for (var s = 1; s <= 20; s++)
                {
                    // Odd students live in the room, even ones do not: informants may flag only the former.
                    students.Add(new StudentRecord(Student(classId, s), s == 1 ? StudentName : $"学生{s}", $"{classId}-{s}", 16, classId,
                        s % 2 == 1 ? room : null, [new Guardian("家长", "mother", s == 1 ? GuardianPhone : Phone())]));
                }
            }
        }

        // Two designated hospitals: one takes both grades, one Severe only; each with its desk account.
        HospitalDefinition[] hospitals =
        [
            new(Hospital, District, "Test Mental Health Centre", Phone(), [CrisisGrade.Severe, CrisisGrade.Major], "24/7", [HospitalDesk]),
            new(OtherHospital, District, "Test University Hospital", Phone(), [CrisisGrade.Severe], "Mon-Fri 8-17", [OtherHospitalDesk]),
        ];
        accounts.Add(new SeedAccount(HospitalDesk, "Desk one", ResponderRole.HospitalLiaison, [Hospital], Password));
        accounts.Add(new SeedAccount(OtherHospitalDesk, "Desk two", ResponderRole.HospitalLiaison, [OtherHospital], Password));
        return new SeedDocument([.. nodes], [.. students], [.. accounts], Policies: null, hospitals);
    }
}
