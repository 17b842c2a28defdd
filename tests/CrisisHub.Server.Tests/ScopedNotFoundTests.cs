using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 12 point 5: an id outside the caller's scope is answered exactly like an id that does not exist, so
/// probing ids tells nobody which cases, students or schools exist.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ScopedNotFoundTests(ServerFixture server)
{
    private static async Task<(HttpStatusCode Status, string? Title, string? Detail)> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnIdOutsideTheCallersScopeGetsExactlyTheProblemOfAnUnknownId()
    {
        var teacher = await server.SignInAsync($"{TestSeed.OtherClassSameSchool}-teacher");
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 19), "web-404", ObservedSign.Distress);
        flagged.EnsureSuccessStatusCode();
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var otherLeader = await server.SignInAsync("ts2-leader");
        var otherDuty = await server.SignInAsync("ts2-duty");

        var pairs = new (string What, HttpResponseMessage Theirs, HttpResponseMessage Unknown)[]
        {
            ("case", await otherLeader.Http.GetAsync($"api/cases/{caseId}"), await otherLeader.Http.GetAsync("api/cases/c-nosuchcase")),
            ("case action", await otherLeader.PostAsync($"api/cases/{caseId}/ack"), await otherLeader.PostAsync("api/cases/c-nosuchcase/ack")),
            ("wallboard", await otherDuty.Http.GetAsync($"api/wallboards/{TestSeed.School}"), await otherDuty.Http.GetAsync("api/wallboards/no-such-school")),
            ("student", await otherLeader.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 18), "web-404-s", ObservedSign.Distress),
                await otherLeader.FlagAsync("no-such-student", "web-404-u", ObservedSign.Distress)),
        };

        foreach (var (what, theirs, unknown) in pairs)
        {
            var (status, title, detail) = await ProblemAsync(theirs);
            status.ShouldBe(HttpStatusCode.NotFound, what);
            (await ProblemAsync(unknown)).ShouldBe((status, title, detail), what);
        }
    }
}
