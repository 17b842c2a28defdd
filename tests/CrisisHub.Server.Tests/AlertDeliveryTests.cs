using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class AlertDeliveryTests(ServerFixture server)
{
    [Fact]
    public async Task TheHeadTeacherHearsOfAMonitorsFlagTheGradeDirectorOfItsEscalationAndTheMonitorOfNeither()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        await using var teacherHub = await (await server.SignInAsync("ts1-g1-c1-teacher")).ConnectHubAsync();
        await using var directorHub = await (await server.SignInAsync("ts1-g1-director")).ConnectHubAsync();
        await using var monitorHub = await monitor.ConnectHubAsync();

        (await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 2), "hub-flag-1", ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var raised = await teacherHub.WaitForAsync(n => n.Kind == AlertEventKind.Raised && n.Alert.ClassId == TestSeed.Class);
        var caseId = raised.Alert.CaseId;
        raised.Alert.MaskedName.ShouldNotContain("学生");
        directorHub.Received.ShouldNotContain(n => n.Alert.CaseId == caseId, "the grade level is the second step");

        server.Clock.Advance(TimeSpan.FromMinutes(15));
        var escalated = await directorHub.WaitForAsync(n => n.Kind == AlertEventKind.Escalated && n.Alert.CaseId == caseId);
        escalated.NodeIds.ShouldContain(TestSeed.Grade);
        await teacherHub.WaitForAsync(n => n.Kind == AlertEventKind.Escalated && n.Alert.CaseId == caseId);

        // The monitor may not acknowledge; the refusal also proves every earlier message on that connection arrived.
        await Should.ThrowAsync<HubException>(() => monitorHub.Connection.InvokeAsync<AcknowledgeResult>("Acknowledge", caseId));
        monitorHub.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task AcknowledgingFromTheHubStopsEscalationAndTellsEveryoneNotified()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        await using var teacherHub = await (await server.SignInAsync("ts1-g1-c1-teacher")).ConnectHubAsync();
        await using var dutyHub = await (await server.SignInAsync("ts1-duty")).ConnectHubAsync(watch: TestSeed.School);
        await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 3), "hub-flag-2", ObservedSign.SelfHarm);
        var raised = await teacherHub.WaitForAsync(n => n.Kind == AlertEventKind.Raised && n.Alert.ClassId == TestSeed.Class
            && !teacherHub.Received.Any(o => o.Alert.CaseId == n.Alert.CaseId && o.Kind == AlertEventKind.Acknowledged));
        await dutyHub.WaitForAsync(n => n.Alert.CaseId == raised.Alert.CaseId, TimeSpan.FromSeconds(10));

        var result = await teacherHub.Connection.InvokeAsync<AcknowledgeResult>("Acknowledge", raised.Alert.CaseId);

        result.Acknowledged.ShouldBeTrue();
        var acknowledged = await dutyHub.WaitForAsync(n => n.Kind == AlertEventKind.Acknowledged && n.Alert.CaseId == raised.Alert.CaseId);
        acknowledged.Alert.Status.ShouldBe(CaseStatus.Acknowledged);
    }

    [Fact]
    public async Task APersonInSeveralGroupsHearsEachEventOnceAndOnlyForAlertsTheirInboxLists()
    {
        // Head teacher of a class and director of its grade at once; the leader of the school is also a
        // responder at the school node and watches its wallboard.
        var admin = await server.SignInAsync("admin");
        (await admin.Http.PutAsJsonAsync("api/admin/accounts/ts2-two-hats", new
        {
            displayName = "Two hats", role = "GradeDirector", nodeIds = new[] { "ts2-g2-c1", "ts2-g2" }, password = TestSeed.Password,
        })).EnsureSuccessStatusCode();
        await using var twoHats = await (await server.SignInAsync("ts2-two-hats")).ConnectHubAsync();
        await using var leaderInbox = await (await server.SignInAsync("ts2-leader")).ConnectHubAsync();
        await using var leaderBoard = await (await server.SignInAsync("ts2-leader")).ConnectHubAsync(watch: TestSeed.OtherSchool);
        var teacher = await server.SignInAsync("ts2-g2-c1-teacher");

        var flagged = await teacher.FlagAsync(TestSeed.Student("ts2-g2-c1", 5), "two-hats", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("caseId").GetString()!;
        await twoHats.WaitForAsync(n => n.Alert.CaseId == caseId && n.Kind == AlertEventKind.Raised);
        server.Clock.Advance(TimeSpan.FromMinutes(15));
        await twoHats.WaitForAsync(n => n.Alert.CaseId == caseId && n.Kind == AlertEventKind.Escalated);
        (await teacher.PostAsync($"api/cases/{caseId}/ack")).EnsureSuccessStatusCode();
        await twoHats.WaitForAsync(n => n.Alert.CaseId == caseId && n.Kind == AlertEventKind.Acknowledged);
        await leaderBoard.WaitForAsync(n => n.Alert.CaseId == caseId && n.Kind == AlertEventKind.Acknowledged);
        // The leader's inbox connection is refused an act it may not take: every message before it has arrived.
        await Should.ThrowAsync<HubException>(() => leaderInbox.Connection.InvokeAsync<AcknowledgeResult>("Acknowledge", "c-nosuchcase"));

        AlertEventKind[] expected = [AlertEventKind.Raised, AlertEventKind.Escalated, AlertEventKind.Acknowledged];
        foreach (var listener in new[] { twoHats, leaderBoard })
        {
            var heard = listener.Received.Where(n => n.Alert.CaseId == caseId).ToList();
            heard.Select(n => n.Kind).ShouldBe(expected, "each event once, although the person holds both notified nodes");
            heard.Select(n => n.Sequence).ShouldBe([1L, 2L, 3L], "numbered without gaps");
            heard.Select(n => n.EventId).ShouldBe([$"{caseId}:1", $"{caseId}:2", $"{caseId}:3"]);
        }

        leaderInbox.Received.ShouldNotContain(n => n.Alert.CaseId == caseId, "the school step has not notified the leader: the inbox does not list it");
    }

    [Fact]
    public async Task AReconnectingClientReReadsTheOpenAlertsItMissed()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");

        var flagged = await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 4), "missed-1", ObservedSign.Distress);
        flagged.StatusCode.ShouldBe(HttpStatusCode.Created);
        var inbox = await teacher.GetAsync<Contracts.Wallboard.AlertSummary[]>("api/alerts");

        inbox.ShouldContain(a => a.Grade == CrisisGrade.General && a.ClassId == TestSeed.Class);
    }
}
