using System.Text.Json;

namespace CrisisHub.Server.Tests;

/// <summary>Issue 12, point 3: every administrative change lands in the district's hash-chained admin audit log.</summary>
[Collection(ServerCollection.Name)]
public sealed class AdminAuditTests(ServerFixture server)
{
    private static readonly string Policy = """
        {"steps":[{"levels":["Class","Grade"],"channels":["WebPush"],"acknowledgeWithin":"00:30:00"}],"repeats":0,"actionWithin":"12:00:00"}
        """;

    private static async Task<JsonElement[]> RecordsAsync(ApiClient admin, string target)
    {
        var log = await admin.GetAsync<JsonElement>("api/admin/audit?take=200");
        log.GetProperty("verification").GetProperty("intact").GetBoolean().ShouldBeTrue(log.GetProperty("verification").GetRawText());
        return [.. log.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("target").GetString() == target)];
    }

    private static async Task<JsonElement> OneAsync(ApiClient admin, string target, string action)
    {
        var record = (await RecordsAsync(admin, target)).First(r => r.GetProperty("action").GetString() == action);
        record.GetProperty("actorId").GetString().ShouldBe("admin");
        record.GetProperty("actorRole").GetString().ShouldBe("Admin");
        record.GetProperty("after").GetString().ShouldNotBeNull();
        return record;
    }

    [Fact]
    public async Task EveryKindOfAdminChangeIsRecordedWithItsActorAndBeforeAndAfter()
    {
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync("api/admin/nodes/ts2-g2-audit", new { level = "Grade", name = "Audit grade", parentId = TestSeed.OtherSchool }, ApiClient.Json))
            .EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("api/admin/nodes/ts2-g2-audit", new { level = "Grade", name = "Audit grade renamed", parentId = TestSeed.OtherSchool }, ApiClient.Json))
            .EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("api/admin/nodes/ts2-g2-audit/responders",
            new[] { new { responderId = "audit-director", name = "Director", role = "GradeDirector", phone = "+13125550140", onDuty = true } }, ApiClient.Json))
            .EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("api/admin/students/ts2-g2-c1-s19", new
        {
            name = "学生19", studentNumber = "ts2-g2-c1-19", age = 16, classId = "ts2-g2-c1",
            guardians = new[] { new { name = "家长", relationship = "father", phone = "+13125550141" } },
        }, ApiClient.Json)).EnsureSuccessStatusCode();
        (await admin.Http.PutAsync($"api/admin/schools/{TestSeed.OtherSchool}/policies/General",
            new StringContent(Policy, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("api/admin/hospitals/th6", new
        {
            districtId = TestSeed.District, name = "Audit Hospital", phone = "0532-8888-5555", acceptedGrades = new[] { "Major" }, hours = "24/7",
            deskAccounts = new[] { new { userName = "th6-desk", displayName = "Desk six", password = "desk-password-6" } },
        }, ApiClient.Json)).EnsureSuccessStatusCode();
        var settings = await admin.GetAsync<JsonElement>($"api/admin/districts/{TestSeed.District}/green-channel");
        (await admin.Http.PutAsJsonAsync($"api/admin/districts/{TestSeed.District}/green-channel", settings, ApiClient.Json)).EnsureSuccessStatusCode();
        (await admin.PostAsync("api/sms/simulated-replies", new { from = "+13125550142", body = "1 0000" })).EnsureSuccessStatusCode();

        var renamed = await OneAsync(admin, "node:ts2-g2-audit", "NodeDefined");
        renamed.GetProperty("before").GetString()!.ShouldContain("\"name\":\"Audit grade\"");
        renamed.GetProperty("after").GetString()!.ShouldContain("\"name\":\"Audit grade renamed\"");
        (await RecordsAsync(admin, "node:ts2-g2-audit")).Count(r => r.GetProperty("action").GetString() == "NodeDefined").ShouldBe(2);
        (await OneAsync(admin, "node:ts2-g2-audit", "RespondersSet")).GetProperty("after").GetString()!.ShouldContain("+13125550140");
        var student = await OneAsync(admin, "student:ts2-g2-c1-s19", "StudentSaved");
        student.GetProperty("before").GetString()!.ShouldContain("\"classId\":\"ts2-g2-c1\"");
        student.GetProperty("after").GetString()!.ShouldContain("+13125550141");
        (await OneAsync(admin, "policy:ts2/General", "PolicySet")).GetProperty("after").GetString()!.ShouldContain("\"acknowledgeWithin\":\"00:30:00\"");
        (await OneAsync(admin, "hospital:th6", "HospitalSaved")).GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        (await OneAsync(admin, "account:th6-desk", "AccountSaved")).GetProperty("after").GetString()!.ShouldContain("\"password\":\"changed\"");
        await OneAsync(admin, $"green-channel:{TestSeed.District}", "GreenChannelSet");
        (await OneAsync(admin, "sms:+13125550142", "SmsReplySimulated")).GetProperty("after").GetString()!.ShouldContain("1 0000");
    }

    [Fact]
    public async Task APasswordResetIsRecordedAsChangedWithoutTheSecret()
    {
        var admin = await server.SignInAsync("admin");
        const string secret = "audit-secret-password-1";

        (await admin.Http.PutAsJsonAsync("api/admin/accounts/ts1-audit-teacher", new
        {
            displayName = "Audit teacher", role = "HeadTeacher", nodeIds = new[] { TestSeed.Class }, password = "first-password-1", preferredLanguage = "en", disabled = false,
        }, ApiClient.Json)).EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("api/admin/accounts/ts1-audit-teacher", new
        {
            displayName = "Audit teacher", role = "GradeDirector", nodeIds = new[] { TestSeed.Grade }, password = secret, preferredLanguage = "en", disabled = false,
        }, ApiClient.Json)).EnsureSuccessStatusCode();

        var records = await RecordsAsync(admin, "account:ts1-audit-teacher");
        records.Length.ShouldBe(2);
        var reset = records[0];
        reset.GetProperty("before").GetString()!.ShouldContain("\"role\":\"HeadTeacher\"");
        reset.GetProperty("after").GetString()!.ShouldContain("\"role\":\"GradeDirector\"");
        reset.GetProperty("after").GetString()!.ShouldContain("\"password\":\"changed\"");
        var raw = reset.GetRawText();
        raw.ShouldNotContain(secret);
        raw.ShouldNotContain("AQAAAA", Case.Sensitive, "an ASP.NET Core Identity hash starts so");
        raw.ShouldNotContain("passwordHash", Case.Insensitive);
    }

    [Fact]
    public async Task OnlyTheDistrictsAdministratorsReadItsAuditLogAndItPagesBackwards()
    {
        foreach (var user in new[] { TestSeed.SchoolAdmin, "other-admin", "officer", "ts1-leader" })
        {
            var client = await server.SignInAsync(user);
            (await client.Http.GetAsync("api/admin/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }

        var admin = await server.SignInAsync("admin");
        (await admin.Http.GetAsync("api/admin/audit?districtId=elsewhere")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        for (var i = 0; i < 3; i++)
            (await admin.Http.PutAsJsonAsync("api/admin/nodes/ts1-g-paging", new { level = "Grade", name = $"Paging grade ({i})", parentId = TestSeed.School }, ApiClient.Json))
                .EnsureSuccessStatusCode();
        var first = await admin.GetAsync<JsonElement>("api/admin/audit?take=2");
        var newest = first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("sequence").GetInt64()).ToArray();
        newest.Length.ShouldBe(2);
        newest[0].ShouldBeGreaterThan(newest[1]);
        var next = first.GetProperty("nextBefore").GetInt64();
        var older = await admin.GetAsync<JsonElement>($"api/admin/audit?before={next}&take=2");
        older.GetProperty("records")[0].GetProperty("sequence").GetInt64().ShouldBe(next - 1);
        older.GetProperty("verification").GetProperty("intact").GetBoolean().ShouldBeTrue();
    }
}
