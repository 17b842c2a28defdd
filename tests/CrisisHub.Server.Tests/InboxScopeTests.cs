using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Server.Alerts;

namespace CrisisHub.Server.Tests;

/// <summary>An inbox lists the cases whose alert reached the person's node; the wallboard of that node lists them all.</summary>
[Collection(ServerCollection.Name)]
public sealed class InboxScopeTests(ServerFixture server)
{
    [Fact]
    public async Task ASchoolLeadersInboxDoesNotListAClassLevelAlertThatTheSchoolsWallboardShows()
    {
        var teacher = await server.SignInAsync("ts1-g2-c1-teacher");
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 13), "inbox-scope-1", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString();

        (await teacher.GetAsync<AlertSummary[]>("api/alerts")).ShouldContain(a => a.CaseId == caseId);
        var leader = await server.SignInAsync("ts1-leader");
        (await leader.GetAsync<AlertSummary[]>("api/alerts")).ShouldNotContain(a => a.CaseId == caseId, "the alert has not reached the school level");
        var duty = await server.SignInAsync("ts1-duty");
        (await duty.GetAsync<WallboardView>($"api/wallboards/{TestSeed.School}?take=1000")).Alerts.ShouldContain(a => a.CaseId == caseId);
    }
}
