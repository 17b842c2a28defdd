using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests.Privacy;

/// <summary>Every read of a student's data by a person leaves one record, and the privacy overseers can list them.</summary>
public sealed class ReadRecordTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Teacher = "ts1-g1-c1-teacher";

    private async Task<PersonalDataReadLog> ReadsAsync(string studentId, string reader = TestSeed.Psychologist) =>
        await (await server.SignInAsync(reader)).GetAsync<PersonalDataReadLog>($"api/students/{studentId}/reads");

    [Fact]
    public async Task EachKindOfReadIsRecordedWithItsReaderAndTheChainVerifies()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 3);
        var teacher = await server.SignInAsync(Teacher);
        var flag = await teacher.FlagAsync(studentId, "reads-case", ObservedSign.SaidTheyIntendToAct);
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" })).EnsureSuccessStatusCode();
        var referral = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId = TestSeed.Hospital, reason = "plan", meansAccess = "none", protectiveFactors = "sister",
            safetyPlan = new { warningSigns = "a", internalCoping = "b", peopleAndPlacesForDistraction = "c", peopleToAskForHelp = "d", professionalsAndHotlines = "e",
                makingTheEnvironmentSafe = "f" },
            schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        });
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;

        (await teacher.Http.GetAsync($"api/cases/{caseId}")).EnsureSuccessStatusCode();
        (await (await server.SignInAsync("ts1-duty")).Http.GetAsync($"api/cases/{caseId}/audit")).EnsureSuccessStatusCode();
        var admin = await server.SignInAsync("admin");
        (await admin.Http.GetAsync($"api/admin/nodes/{TestSeed.Class}/students")).EnsureSuccessStatusCode();
        (await admin.Http.GetAsync($"api/admin/students/{studentId}")).EnsureSuccessStatusCode();
        (await (await server.SignInAsync("ts1-g1-c1-monitor")).Http.GetAsync("api/students/mine")).EnsureSuccessStatusCode();
        var desk = await server.SignInAsync(TestSeed.HospitalDesk);
        (await desk.Http.GetAsync($"api/referrals/{referralId}")).EnsureSuccessStatusCode();
        (await desk.Http.GetAsync($"api/referrals/{referralId}/fhir")).EnsureSuccessStatusCode();
        (await desk.Http.GetAsync("api/hospital/queue")).EnsureSuccessStatusCode();

        var log = await ReadsAsync(studentId);
        log.Verification.Intact.ShouldBeTrue();
        log.Total.ShouldBe(log.Reads.Length);
        var seen = log.Reads.Select(r => (r.ReaderId, r.Kind, r.Target)).ToList();
        seen.ShouldBe(
        [
            (TestSeed.Psychologist, nameof(PersonalDataReadKind.ReadsListed), studentId),
            (TestSeed.HospitalDesk, nameof(PersonalDataReadKind.HospitalQueueListed), TestSeed.Hospital),
            (TestSeed.HospitalDesk, nameof(PersonalDataReadKind.ReferralExported), referralId),
            (TestSeed.HospitalDesk, nameof(PersonalDataReadKind.ReferralRead), referralId),
            ("ts1-g1-c1-monitor", nameof(PersonalDataReadKind.ClassmatesListed), "ts1-g1-c1-monitor"),
            ("admin", nameof(PersonalDataReadKind.StudentRecordRead), studentId),
            ("admin", nameof(PersonalDataReadKind.RosterListed), TestSeed.Class),
            ("ts1-duty", nameof(PersonalDataReadKind.CaseAuditRead), caseId),
            (Teacher, nameof(PersonalDataReadKind.CaseRead), caseId),
        ], "newest first, one record per read, ids only");
        log.Reads.Select(r => r.Sequence).ShouldBe([.. Enumerable.Range(1, log.Reads.Length).Reverse().Select(i => (long)i)]);

        // The district's administrator lists them too (and that listing is the newest read).
        var again = await ReadsAsync(studentId, "admin");
        again.Reads[0].ShouldSatisfyAllConditions(r => r.ReaderId.ShouldBe("admin"), r => r.Kind.ShouldBe(nameof(PersonalDataReadKind.ReadsListed)));
        again.Total.ShouldBe(log.Total + 1);
    }

    [Fact]
    public async Task OnlyTheSchoolsPsychologyCentreAndTheDistrictsAdministratorsListReads()
    {
        var studentId = TestSeed.Student(TestSeed.Class, 4);
        foreach (var (caller, status) in new[]
        {
            (Teacher, HttpStatusCode.Forbidden), ("ts1-leader", HttpStatusCode.Forbidden), ("officer", HttpStatusCode.Forbidden),
            (TestSeed.HospitalDesk, HttpStatusCode.Forbidden), (TestSeed.SchoolAdmin, HttpStatusCode.NotFound), ("other-admin", HttpStatusCode.NotFound),
        })
        {
            (await (await server.SignInAsync(caller)).Http.GetAsync($"api/students/{studentId}/reads")).StatusCode.ShouldBe(status, caller);
        }

        // An unknown student looks like one outside scope.
        (await (await server.SignInAsync(TestSeed.Psychologist)).Http.GetAsync("api/students/nobody/reads")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await server.SignInAsync(TestSeed.Psychologist)).Http.GetAsync($"api/students/{TestSeed.Student(TestSeed.OtherSchoolClass, 1)}/reads"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's student");
    }

    [Fact]
    public async Task ReadingTheSmsOutboxIsRecordedInTheDistrictsAuditLog()
    {
        var admin = await server.SignInAsync("admin");
        (await admin.Http.GetAsync("api/sms/outbox")).EnsureSuccessStatusCode();
        var log = await admin.GetAsync<JsonElement>("api/admin/audit?take=5");
        var newest = log.GetProperty("records")[0];
        newest.GetProperty("action").GetString().ShouldBe(nameof(AdminAuditAction.SmsOutboxRead));
        newest.GetProperty("actorId").GetString().ShouldBe("admin");
        log.GetProperty("verification").GetProperty("intact").GetBoolean().ShouldBeTrue();
    }
}
