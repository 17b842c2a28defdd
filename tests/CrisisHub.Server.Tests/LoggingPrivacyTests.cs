using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class LoggingPrivacyTests(ServerFixture server)
{
    [Fact]
    public async Task NoLogEventCarriesAStudentNameAPhoneNumberOrFreeText()
    {
        const string note = "PRIVATE-NOTE-3f9c 她说不想活了";
        const string actionNote = "PRIVATE-ACTION-81d2";
        const string disposition = "PRIVATE-DISPOSITION-5a77";
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var admin = await server.SignInAsync("admin");

        var flagged = await teacher.PostFlagAsync(new { studentId = TestSeed.Student(TestSeed.Class, 1), signs = new[] { "SelfHarm" }, note }, "privacy-1");
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        (await teacher.GetAsync<CaseView>($"api/cases/{caseId}")).StudentName.ShouldBe(TestSeed.StudentName);
        (await teacher.PostAsync($"api/cases/{caseId}/actions", new { kind = "TalkedWithStudent", note = actionNote })).EnsureSuccessStatusCode();
        (await teacher.PostAsync($"api/cases/{caseId}/close", new { disposition })).EnsureSuccessStatusCode();
        // Refused input is where text most often leaks into logs.
        await teacher.PostFlagAsync(new { studentId = "nobody", signs = new[] { "SelfHarm" }, note }, "privacy-2");
        await teacher.PostAsync($"api/cases/{caseId}/close", new { disposition });
        await admin.Http.PutAsJsonAsync("api/admin/students/ts1-g1-c1-s01", new
        {
            name = TestSeed.StudentName, studentNumber = "x", age = 16, classId = TestSeed.Class,
            guardians = new[] { new { name = "家长", relationship = "mother", phone = TestSeed.GuardianPhone + "999999" } },
        }, ApiClient.Json);

        var events = server.Factory.Logs.Events;
        // Request logging reaches this host's own sinks (each host keeps its own logger).
        events.ShouldContain(e => e.StartsWith("HTTP \"POST\" \"/api/flags\" responded 201"));
        foreach (var secret in new[] { TestSeed.StudentName, TestSeed.GuardianPhone, "PRIVATE-NOTE", "不想活", actionNote, disposition })
            events.ShouldNotContain(e => e.Contains(secret), $"a log event contains '{secret}'");
    }
}
