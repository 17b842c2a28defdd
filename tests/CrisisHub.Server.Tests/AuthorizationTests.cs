using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests;

/// <summary>Every access boundary: who may flag, read, act on, watch and administer what.</summary>
[Collection(ServerCollection.Name)]
public sealed class AuthorizationTests(ServerFixture server)
{
    private async Task<string> OpenCaseAsync(string classId, int student, string key)
    {
        var teacher = await server.SignInAsync($"{classId}-teacher");
        var response = await teacher.FlagAsync(TestSeed.Student(classId, student), key, ObservedSign.Distress);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    private async Task<HttpStatusCode> StatusAsync(string userName, string path)
    {
        var client = await server.SignInAsync(userName);
        var response = await client.Http.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task AMonitorFlagsOnlyStudentsOfTheirOwnClass()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");

        (await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 10), "auth-m1", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await monitor.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 10), "auth-m2", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADormitoryInformantFlagsOnlyStudentsOfTheirRoom()
    {
        var informant = await server.SignInAsync($"{TestSeed.Room}-informant");

        (await informant.FlagAsync(TestSeed.Student(TestSeed.Class, 11), "auth-i1", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await informant.FlagAsync(TestSeed.Student(TestSeed.Class, 12), "auth-i2", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CasesAreReadByTheirClassGradeSchoolAndDistrictAndNobodyElse()
    {
        var caseId = await OpenCaseAsync(TestSeed.Class, 13, "auth-read");
        var path = $"api/cases/{caseId}";

        (await StatusAsync("ts1-g1-c1-teacher", path)).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync("ts1-g1-director", path)).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync("ts1-leader", path)).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync("officer", path)).ShouldBe(HttpStatusCode.OK);
        // Outside their nodes: the same 404 as a case that does not exist. Roles that read no case: 403.
        (await StatusAsync("ts1-g2-c1-teacher", path)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync("ts1-g2-director", path)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync("ts2-leader", path)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync("ts1-g1-c1-monitor", path)).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync("admin", path)).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync("ts1-g1-c1-teacher", "api/cases/c-doesnotexist")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyThoseWhoMayReadACaseMayActOnIt()
    {
        var caseId = await OpenCaseAsync(TestSeed.Class, 14, "auth-act");
        var outsider = await server.SignInAsync("ts1-g2-c1-teacher");
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");

        // The outsider gets the 404 of an unknown case; the monitor's role reads no case at all (403).
        foreach (var (client, refused) in new[] { (outsider, HttpStatusCode.NotFound), (monitor, HttpStatusCode.Forbidden) })
        {
            (await client.PostAsync($"api/cases/{caseId}/ack")).StatusCode.ShouldBe(refused);
            (await client.PostAsync($"api/cases/{caseId}/actions", new { kind = "Other", note = "x" })).StatusCode.ShouldBe(refused);
            (await client.PostAsync($"api/cases/{caseId}/grade", new { grade = "Watch", reason = "x" })).StatusCode.ShouldBe(refused);
            (await client.PostAsync($"api/cases/{caseId}/close", new { disposition = "x" })).StatusCode.ShouldBe(refused);
            (await client.Http.GetAsync($"api/cases/{caseId}/audit")).StatusCode.ShouldBe(refused);
        }

        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).Status.ShouldBe(CaseStatus.Open, "nothing the outsiders tried changed the case");
    }

    [Fact]
    public async Task WallboardsAreForTheirSchoolsAndDistrictsWatchers()
    {
        (await StatusAsync("ts1-duty", $"api/wallboards/{TestSeed.School}")).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync("officer", $"api/wallboards/{TestSeed.School}")).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync("officer", $"api/wallboards/{TestSeed.District}")).ShouldBe(HttpStatusCode.OK);
        (await StatusAsync("ts2-duty", $"api/wallboards/{TestSeed.School}")).ShouldBe(HttpStatusCode.NotFound, "another school's board looks like no board");
        (await StatusAsync("ts1-g1-c1-teacher", $"api/wallboards/{TestSeed.School}")).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusAsync("ts1-g1-c1-monitor", "api/alerts")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OnlyAdministratorsOfTheDistrictChangeTheNetwork()
    {
        var body = new { level = "Class", name = "new class", parentId = TestSeed.Grade };
        foreach (var (user, expected) in new[] { ("ts1-leader", HttpStatusCode.Forbidden), ("other-admin", HttpStatusCode.Forbidden), ("admin", HttpStatusCode.OK) })
        {
            var client = await server.SignInAsync(user);
            (await client.Http.PutAsJsonAsync("api/admin/nodes/ts1-g1-c9", body, ApiClient.Json)).StatusCode.ShouldBe(expected, user);
        }
    }

    [Fact]
    public async Task AnonymousCallsGet401ProblemDetailsAndBadPasswordsDoNotSignIn()
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };

        var anonymous = await http.GetAsync("api/alerts");
        var wrong = await http.PostAsJsonAsync("api/auth/token", new { userName = "admin", password = "not-the-password" });

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ACookieSignInWorksForBrowsers()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = server.Factory.BaseAddress };

        // A browser's sign-in page sends its Origin; the server refuses sign-in from any other (see WebHardeningTests).
        http.DefaultRequestHeaders.Add("Origin", server.Factory.BaseAddress.GetLeftPart(UriPartial.Authority));
        (await http.PostAsJsonAsync("api/auth/login", new { userName = "ts1-g1-c1-teacher", password = TestSeed.Password })).EnsureSuccessStatusCode();
        var me = await http.GetFromJsonAsync<JsonElement>("api/auth/me");

        me.GetProperty("role").GetString().ShouldBe("HeadTeacher");
        me.GetProperty("nodeIds").EnumerateArray().Select(n => n.GetString()).ShouldBe([TestSeed.Class]);
    }
}
