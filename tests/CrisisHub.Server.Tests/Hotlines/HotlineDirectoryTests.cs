using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;
using CrisisHub.Server.Tests.Authorization;

namespace CrisisHub.Server.Tests.Hotlines;

/// <summary>
/// A district's hotline directory over HTTP: the defaults, its administrators' audited edits, scope, and where the lines
/// show: /api/auth/me (the bar on every page), the safety plan page and guardians' texts. A server of its own, since the
/// edits change what every page and text of district td shows.
/// </summary>
public sealed class HotlineDirectoryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Path = $"api/admin/districts/{TestSeed.District}/hotlines";
    private const string ParentLine = "0532-85669120";
    private const string StudentLine = "0532-12355000";

    private static object Directory => new
    {
        entries = new object[]
        {
            new { name = "青岛心理援助热线", nameEn = "Qingdao crisis line", number = ParentLine, hours = "24小时", audience = new[] { "Students", "Parents" } },
            new { name = "青岛青少年热线", nameEn = "", number = StudentLine, hours = "08:00–22:00", audience = new[] { "Students" } },
        },
    };

    private static string[] Numbers(JsonElement lines) => [.. lines.EnumerateArray().Select(l => l.GetProperty("number").GetString()!)];

    private async Task<string[]> MyLinesAsync(string userName) =>
        Numbers((await (await server.SignInAsync(userName)).GetAsync<JsonElement>("api/auth/me")).GetProperty("hotlines"));

    /// <summary>Runs once per server (xunit's order within a class is not fixed): td's lines are its own after the first call.</summary>
    private async Task<ApiClient> EditedAsync()
    {
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync(Path, Directory)).EnsureSuccessStatusCode();
        return admin;
    }

    [Fact]
    public async Task TheDefaultsAreTheNationalLinesAndStudentsSeeOnlyTheirs()
    {
        // Another district, never set: its administrator defines it and reads the defaults, whatever td did.
        var other = await server.SignInAsync("other-admin");
        (await other.Http.PutAsJsonAsync("api/admin/nodes/elsewhere", new { level = "District", name = "Elsewhere" })).EnsureSuccessStatusCode();

        var directory = await other.GetAsync<JsonElement>("api/admin/districts/elsewhere/hotlines");

        directory.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        Numbers(directory.GetProperty("entries")).ShouldBe(["12356", "12355", "12320"]);
        directory.GetProperty("entries")[2].GetProperty("audience").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Parents"]);
        (await MyLinesAsync("other-admin")).ShouldBe(["12356", "12355", "12320"]);
    }

    [Fact]
    public async Task ADistrictAdministratorsEditIsAuditedAndShowsInTheDistrictOnly()
    {
        var admin = await EditedAsync();

        var saved = await admin.GetAsync<JsonElement>(Path);
        saved.GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        Numbers(saved.GetProperty("entries")).ShouldBe([ParentLine, StudentLine]);
        var log = await admin.GetAsync<JsonElement>("api/admin/audit?take=50");
        var record = log.GetProperty("records").EnumerateArray().First(r => r.GetProperty("action").GetString() == nameof(AdminAuditAction.HotlinesSet));
        record.GetProperty("target").GetString().ShouldBe($"hotlines:{TestSeed.District}");
        record.GetProperty("actorId").GetString().ShouldBe("admin");
        record.GetProperty("after").GetString()!.ShouldContain(ParentLine);

        (await MyLinesAsync(AccessMatrix.Monitor)).ShouldBe([ParentLine, StudentLine], "both lines serve students");
        (await MyLinesAsync(AccessMatrix.Teacher)).ShouldBe([ParentLine, StudentLine]);
        (await MyLinesAsync(AccessMatrix.Desk)).ShouldBe([ParentLine, StudentLine], "a hospital desk of the district");
        (await MyLinesAsync("other-admin")).ShouldNotContain(ParentLine, "another district keeps its own lines");
    }

    [Fact]
    public async Task StudentsSeeTheLinesForStudentsAndAdultsSeeEveryLine()
    {
        var admin = await EditedAsync();
        (await admin.Http.PutAsJsonAsync(Path, new
        {
            entries = new[]
            {
                new { name = "学生热线", nameEn = "Student line", number = StudentLine, hours = "", audience = new[] { "Students" } },
                new { name = "家长热线", nameEn = "Parent line", number = ParentLine, hours = "", audience = new[] { "Parents" } },
            },
        })).EnsureSuccessStatusCode();

        (await MyLinesAsync(AccessMatrix.Monitor)).ShouldBe([StudentLine]);
        (await MyLinesAsync(AccessMatrix.Informant)).ShouldBe([StudentLine]);
        (await MyLinesAsync(AccessMatrix.Teacher)).ShouldBe([StudentLine, ParentLine]);
        var english = await server.SignInAsync(AccessMatrix.Director);
        (await english.Http.PutAsJsonAsync("api/auth/me/language", new { language = "en" })).EnsureSuccessStatusCode();
        // A token keeps the language it was issued with: a new sign-in reads the lines in English.
        english = await server.SignInAsync(AccessMatrix.Director);
        (await english.GetAsync<JsonElement>("api/auth/me")).GetProperty("hotlines")[0].GetProperty("label").GetString().ShouldBe("Student line");
        (await admin.Http.PutAsJsonAsync(Path, Directory)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task OnlyTheDistrictsOwnAdministratorsReadOrEditIt()
    {
        var before = await (await server.SignInAsync("admin")).GetAsync<JsonElement>(Path);

        foreach (var outsider in new[] { "other-admin", TestSeed.SchoolAdmin, AccessMatrix.Officer, AccessMatrix.Psych })
        {
            var client = await server.SignInAsync(outsider);
            (await client.Http.GetAsync(Path)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            (await client.Http.PutAsJsonAsync(Path, Directory)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        }

        (await (await server.SignInAsync("admin")).GetAsync<JsonElement>(Path)).GetRawText().ShouldBe(before.GetRawText());
        (await (await server.SignInAsync("admin")).Http.GetAsync($"api/admin/districts/{TestSeed.School}/hotlines")).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest, "a school has no directory of its own");
    }

    [Fact]
    public async Task BadInputIsRefusedNamingTheFieldAndTheAllowedAudiences()
    {
        var admin = await server.SignInAsync("admin");

        var badNumber = await admin.Http.PutAsJsonAsync(Path, new
        {
            entries = new[] { new { name = "", nameEn = "", number = "call us", hours = "", audience = Array.Empty<string>() } },
        });
        badNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await badNumber.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("entries[0].number").ToString().ShouldContain("digits");
        errors.GetProperty("entries[0].name").ToString().ShouldNotBeEmpty();
        errors.GetProperty("entries[0].audience").ToString().ShouldContain("Students, Parents");

        var badAudience = await admin.Http.PutAsJsonAsync(Path, new
        {
            entries = new[] { new { name = "热线", nameEn = "", number = "12356", hours = "", audience = new[] { "Teachers" } } },
        });
        badAudience.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await badAudience.Content.ReadAsStringAsync();
        problem.ShouldContain("Students");
        problem.ShouldContain("Parents");
    }

    [Fact]
    public async Task AGuardiansTextOfACaseInTheDistrictEndsWithItsParentNumbers()
    {
        var admin = await EditedAsync();
        var teacher = await server.SignInAsync(AccessMatrix.Teacher);

        // Student 1's guardian has TestSeed.GuardianPhone; a Major flag texts the family at once.
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 1), "hotlines-guardian", ObservedSign.SaidTheyIntendToAct);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var texts = await Eventually.Async(() => admin.GetAsync<LocalText[]>("api/sms/outbox"),
            all => all.Any(t => t.To == TestSeed.GuardianPhone && t.Body.Contains(caseId)));

        var text = texts.First(t => t.To == TestSeed.GuardianPhone && t.Body.Contains(caseId));
        text.Body.ShouldEndWith($"求助热线：青岛心理援助热线{ParentLine}");
        text.Body.ShouldNotContain(StudentLine, customMessage: "a line for students only");
        text.Body.ShouldNotContain("http");
        text.Body.ShouldNotContain(TestSeed.StudentName);
        text.Body.Length.ShouldBeLessThanOrEqualTo(134, "two UCS-2 segments");
        texts.Where(t => t.Body.Contains(caseId) && t.To != TestSeed.GuardianPhone).ShouldAllBe(t => !t.Body.Contains(ParentLine), "staff texts carry no hotlines");
    }

    [Fact]
    public async Task TheSafetyPlanPageCarriesTheStudentsDistrictLinesForStudents()
    {
        await EditedAsync();
        var psych = await server.SignInAsync(AccessMatrix.Psych);

        var page = await psych.GetAsync<JsonElement>($"api/students/{TestSeed.Student(TestSeed.Class, 5)}/plan");

        Numbers(page.GetProperty("hotlines")).ShouldBe([ParentLine, StudentLine]);
    }
}
