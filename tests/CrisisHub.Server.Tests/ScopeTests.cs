using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 12, point 1: an administrator reaches only what lies in their scope, checked on the account, node, student or
/// hospital being touched, never only on what the body names. Each test is a reproduction of a review finding.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScopeTests(ServerFixture server)
{
    private const string OtherSchoolTeacher = "ts2-g2-c1-teacher";

    private static object Account(string role, string[] nodeIds, string? password = "scope-password-1", bool disabled = false) =>
        new { displayName = "Scope test", role, nodeIds, password, preferredLanguage = "en", disabled };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A Severe case of another school (ts2) referred to hospital <paramref name="hospitalId"/>.</summary>
    private async Task<string> ReferOtherSchoolAsync(int student, string hospitalId)
    {
        var teacher = await server.SignInAsync(OtherSchoolTeacher);
        var flag = await teacher.FlagAsync(TestSeed.Student("ts2-g2-c1", student), $"scope-{student}", ObservedSign.SaidTheyIntendToAct);
        flag.EnsureSuccessStatusCode();
        var caseId = (await flag.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.PostAsync($"api/cases/{caseId}/consent", new { decision = "Consented", guardianName = "家长", relationship = "mother" }))
            .EnsureSuccessStatusCode();
        var created = await teacher.PostAsync($"api/cases/{caseId}/referrals", new
        {
            hospitalId, reason = "Stated intent with a plan",
            safetyPlan = new
            {
                warningSigns = "withdrawal", internalCoping = "music", peopleAndPlacesForDistraction = "library",
                peopleToAskForHelp = "head teacher", professionalsAndHotlines = "12356", makingTheEnvironmentSafe = "belt removed",
            },
            meansAccess = "none", protectiveFactors = "sister", schoolContactName = "Ms Li", schoolContactPhone = "+12025550177",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<ReferralView>(ApiClient.Json))!.ReferralId;
    }

    [Fact]
    public async Task ASchoolAdminCannotMintAHospitalDeskByNamingANodeAfterTheHospital()
    {
        var schoolAdmin = await server.SignInAsync(TestSeed.SchoolAdmin);

        // Step 1 of the reproduction: a node whose id is a hospital's.
        var node = await schoolAdmin.Http.PutAsJsonAsync($"api/admin/nodes/{TestSeed.Hospital}",
            new { level = "Grade", name = "Fake desk", parentId = TestSeed.School }, ApiClient.Json);
        node.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(node)).GetProperty("errors").TryGetProperty("nodeId", out _).ShouldBeTrue();

        // Step 2: a HospitalLiaison account, on any node: refused by school and district admins alike.
        foreach (var user in new[] { TestSeed.SchoolAdmin, "admin" })
        {
            var admin = await server.SignInAsync(user);
            var desk = await admin.Http.PutAsJsonAsync("api/admin/accounts/fake-desk", Account("HospitalLiaison", [TestSeed.Grade]), ApiClient.Json);
            desk.StatusCode.ShouldBe(HttpStatusCode.BadRequest, user);
            (await ProblemAsync(desk)).GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue();
        }

        var token = await new HttpClient { BaseAddress = server.Factory.BaseAddress }
            .PostAsJsonAsync("api/auth/token", new { userName = "fake-desk", password = "scope-password-1" });
        token.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no such account was created");
    }

    [Fact]
    public async Task AHospitalCannotTakeANodesId()
    {
        var admin = await server.SignInAsync("admin");

        var response = await admin.Http.PutAsJsonAsync($"api/admin/hospitals/{TestSeed.School}", new
        {
            districtId = TestSeed.District, name = "Shadow", phone = "0532-8888-6666", acceptedGrades = new[] { "Major" }, hours = "24/7",
            deskAccounts = Array.Empty<object>(),
        }, ApiClient.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").TryGetProperty("hospitalId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ADeskIsWhatItsHospitalListsNotWhatItsClaimsHold()
    {
        var admin = await server.SignInAsync("admin");
        object Hospital(string desk) => new
        {
            districtId = TestSeed.District, name = "Scope Hospital", phone = "0532-8888-7777", acceptedGrades = new[] { "Severe", "Major" },
            hours = "24/7", deskAccounts = new[] { new { userName = desk, displayName = "Desk", password = TestSeed.Password } },
        };
        (await admin.Http.PutAsJsonAsync("api/admin/hospitals/th7", Hospital("th7-desk-a"), ApiClient.Json)).EnsureSuccessStatusCode();
        var referralId = await ReferOtherSchoolAsync(16, "th7");
        var former = await server.SignInAsync("th7-desk-a");
        (await former.Http.GetAsync($"api/referrals/{referralId}")).StatusCode.ShouldBe(HttpStatusCode.OK, "listed: the desk reads its packet");

        // The hospital now lists another desk: the first keeps its role and its claims, and must lose the referral.
        (await admin.Http.PutAsJsonAsync("api/admin/hospitals/th7", Hospital("th7-desk-b"), ApiClient.Json)).EnsureSuccessStatusCode();

        // Its sessions end at once (an open desk page must stop hearing the hospital's referrals) ...
        (await former.Http.GetAsync($"api/referrals/{referralId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // ... and signed in again, it is refused like an unknown id: the same 404 as for any referral outside what one responds for.
        var again = await server.SignInAsync("th7-desk-a");
        (await again.Http.GetAsync($"api/referrals/{referralId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.PostAsync($"api/referrals/{referralId}/status", new { status = "Declined", reason = "full" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.GetAsync<JsonElement>("api/hospital/queue")).GetProperty("referrals").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ASchoolAdminCannotResetAnotherSchoolsLeaderNorDemoteTheDistrictAdministrator()
    {
        var schoolAdmin = await server.SignInAsync(TestSeed.SchoolAdmin);

        // The body names only the admin's own school; the accounts overwritten are another school's and the district's.
        var takeover = await schoolAdmin.Http.PutAsJsonAsync("api/admin/accounts/ts2-leader", Account("SchoolLeader", [TestSeed.School]), ApiClient.Json);
        var demotion = await schoolAdmin.Http.PutAsJsonAsync("api/admin/accounts/admin", Account("HeadTeacher", [TestSeed.Class], password: null), ApiClient.Json);

        takeover.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        demotion.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ProblemAsync(takeover);
        var leader = await server.SignInAsync("ts2-leader");
        (await leader.Http.GetAsync($"api/wallboards/{TestSeed.OtherSchool}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the leader still holds ts2");
        var admin = await server.SignInAsync("admin");
        (await admin.Http.GetAsync($"api/admin/nodes/{TestSeed.District}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the district admin is still one");
    }

    [Fact]
    public async Task AdminsManageOnlyAccountsBelowThemAndNeverGrantTheirOwnLevel()
    {
        var schoolAdmin = await server.SignInAsync(TestSeed.SchoolAdmin);
        var districtAdmin = await server.SignInAsync("admin");

        // A school admin manages the school's staff: create, reset, disable.
        (await schoolAdmin.Http.PutAsJsonAsync("api/admin/accounts/ts1-scope-teacher", Account("HeadTeacher", [TestSeed.Class]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await schoolAdmin.Http.PutAsJsonAsync("api/admin/accounts/ts1-scope-teacher", Account("HeadTeacher", [TestSeed.Class], disabled: true), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // ...but grants no administration, changes no admin (not even themselves) and no hospital desk.
        (await schoolAdmin.Http.PutAsJsonAsync("api/admin/accounts/ts1-scope-admin", Account("Admin", [TestSeed.School]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await schoolAdmin.Http.PutAsJsonAsync($"api/admin/accounts/{TestSeed.SchoolAdmin}", Account("Admin", [TestSeed.School]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await schoolAdmin.Http.PutAsJsonAsync($"api/admin/accounts/{TestSeed.HospitalDesk}", Account("HeadTeacher", [TestSeed.Class]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A district admin may create a school admin, but not a peer, and cannot touch another district's admin.
        (await districtAdmin.Http.PutAsJsonAsync("api/admin/accounts/ts2-scope-admin", Account("Admin", [TestSeed.OtherSchool]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await districtAdmin.Http.PutAsJsonAsync("api/admin/accounts/td-scope-admin", Account("Admin", [TestSeed.District]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await districtAdmin.Http.PutAsJsonAsync("api/admin/accounts/other-admin", Account("HeadTeacher", [TestSeed.Class]), ApiClient.Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // The school admin's list shows the school's accounts, not the district's or another school's.
        var listed = (await schoolAdmin.GetAsync<JsonElement>("api/admin/accounts")).EnumerateArray().Select(a => a.GetProperty("userName").GetString()).ToList();
        listed.ShouldContain("ts1-leader");
        listed.ShouldNotContain("admin");
        listed.ShouldNotContain("ts2-leader");
        listed.ShouldNotContain(TestSeed.SchoolAdmin);
    }

    [Fact]
    public async Task ARoleMustFitTheLevelOfItsNodes()
    {
        var admin = await server.SignInAsync("admin");

        var districtTeacher = await admin.Http.PutAsJsonAsync("api/admin/accounts/td-head-teacher", Account("HeadTeacher", [TestSeed.District]), ApiClient.Json);
        var schoolMonitor = await admin.Http.PutAsJsonAsync("api/admin/accounts/ts1-school-monitor", Account("Monitor", [TestSeed.School]), ApiClient.Json);

        districtTeacher.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(districtTeacher)).GetProperty("errors").GetProperty("role")[0].GetString()
            .ShouldBe("a HeadTeacher is held at Class nodes; 'td' is a District");
        schoolMonitor.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StudentsAndGuardiansPhonesFollowTheSameScope()
    {
        var schoolAdmin = await server.SignInAsync(TestSeed.SchoolAdmin);
        var student = TestSeed.Student("ts2-g2-c1", 18);

        (await schoolAdmin.Http.GetAsync($"api/admin/students/{student}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await schoolAdmin.Http.GetAsync($"api/admin/nodes/fam-{student}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await schoolAdmin.Http.GetAsync("api/admin/nodes/ts2-g2-c1/students")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Naming the admin's own class in the body would move the other school's student here and replace the guardian's phone.
        var moved = await schoolAdmin.Http.PutAsJsonAsync($"api/admin/students/{student}", new
        {
            name = "学生18", studentNumber = "x", age = 16, classId = TestSeed.Class,
            guardians = new[] { new { name = "家长", relationship = "mother", phone = "+13125550199" } },
        }, ApiClient.Json);

        moved.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var admin = await server.SignInAsync("admin");
        var stored = await admin.GetAsync<JsonElement>($"api/admin/students/{student}");
        stored.GetProperty("record").GetProperty("classId").GetString().ShouldBe("ts2-g2-c1");
        stored.GetProperty("record").GetProperty("guardians")[0].GetProperty("phone").GetString().ShouldNotBe("+13125550199");
        (await schoolAdmin.Http.GetAsync($"api/admin/students/{TestSeed.Student(TestSeed.Class, 3)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
