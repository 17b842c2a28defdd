using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Telemetry;
using CrisisHub.Server.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>
/// The promise's instruments, read through the in-memory exporter as a collector would get them: a flag, its push, its
/// text, an acknowledgement and an escalation each leave the expected measurement with the expected tags, and no tag
/// anywhere holds a name, a phone number or free text. Runs alone: an OpenTelemetry meter provider hears every meter of its name
/// in the process, and other test classes' servers would add their flags to the counts.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class MetricsTests(ObservedServer server) : IClassFixture<ObservedServer>
{
    private const string Note = "在宿舍哭了很久 note-text-7731";

    [Fact]
    public async Task AFlagItsPushTextAcknowledgementAndEscalationAreMeasuredWithLowCardinalityTagsOnly()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        await using var hub = await teacher.ConnectHubAsync();
        var named = TestSeed.Student(TestSeed.Class, 1); // the student whose name and guardian's phone the seed knows

        (await teacher.PostFlagAsync(new { studentId = named, signs = new[] { "SelfHarm" }, note = Note }, "metrics-flag-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var raised = await hub.WaitForAsync(n => n.Kind == AlertEventKind.Raised && n.Alert.ClassId == TestSeed.Class);
        (await teacher.PostAsync($"api/cases/{raised.Alert.CaseId}/ack")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 2), "metrics-flag-2", ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await hub.WaitForAsync(n => n.Kind == AlertEventKind.Raised && n.Alert.CaseId != raised.Alert.CaseId);
        server.Clock.Advance(TimeSpan.FromMinutes(15));
        await hub.WaitForAsync(n => n.Kind == AlertEventKind.Escalated && n.Alert.CaseId == second.Alert.CaseId);
        await Eventually.Async(() => teacher.GetAsync<System.Text.Json.JsonElement>($"api/cases/{second.Alert.CaseId}"),
            view => view.GetProperty("texts").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "Delivered") >= 2);
        await server.Factory.Services.GetRequiredService<OpenCaseCensus>().CountAsync();

        server.Flush();
        var points = server.Points(m => m == CrisisHubMetrics.MeterName);
        double Sum(string name, params (string Key, string Value)[] tags) =>
            points.Where(p => p.Name == name && tags.All(t => p.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(p => p.Value);

        Sum("crisishub.flags.received", ("source", "Teacher"), ("grade", "Severe"), ("school", TestSeed.School)).ShouldBe(2);
        Sum("crisishub.alerts.raised", ("grade", "Severe"), ("school", TestSeed.School)).ShouldBe(2);
        Sum("crisishub.alert.first_push.duration", ("grade", "Severe")).ShouldBe(2);
        Sum("crisishub.alert.acknowledge.duration", ("grade", "Severe"), ("school", TestSeed.School)).ShouldBe(1);
        Sum("crisishub.escalation.steps", ("grade", "Severe"), ("school", TestSeed.School)).ShouldBe(1);
        Sum("crisishub.deadline.lateness", ("deadline", "escalation")).ShouldBe(1);
        Sum("crisishub.sms.queued", ("grade", "Severe")).ShouldBeGreaterThanOrEqualTo(3);
        Sum("crisishub.sms.sent", ("provider", "local")).ShouldBeGreaterThanOrEqualTo(3);
        Sum("crisishub.sms.provider.duration", ("provider", "local"), ("outcome", "accepted")).ShouldBeGreaterThanOrEqualTo(3);
        Sum("crisishub.push.deliveries", ("event", "Raised"), ("outcome", "delivered")).ShouldBe(2, string.Join("\n", points.Where(p => p.Name == "crisishub.push.deliveries").Select(p => $"{string.Join(",", p.Tags)}={p.Value}")));
        Sum("crisishub.push.deliveries", ("event", "Acknowledged"), ("outcome", "delivered")).ShouldBe(1);
        Sum("crisishub.hub.connections", ("purpose", "inbox")).ShouldBe(1);
        Sum("crisishub.cases.open", ("grade", "Severe")).ShouldBe(2);
        Sum("crisishub.storage.write.duration", ("storage", "sqlite")).ShouldBeGreaterThan(0);
        Sum("crisishub.storage.write.batch_size", ("storage", "sqlite")).ShouldBeGreaterThan(0);
        points.ShouldContain(p => p.Name == "crisishub.cluster.silos" && p.Value == 1);

        string[] allowed = ["source", "grade", "school", "deadline", "provider", "reason", "outcome", "event", "purpose", "storage", "stage"];
        points.SelectMany(p => p.Tags.Keys).Distinct().ShouldBeSubsetOf(allowed);
        NoPersonalData(server.Points());
    }

    /// <summary>No tag of any meter (ours, Orleans', ASP.NET Core's) carries a name, a phone number, the note or a free-text fragment.</summary>
    private static void NoPersonalData(IEnumerable<(string Name, Dictionary<string, string?> Tags, double Value)> points)
    {
        string[] personal = [TestSeed.StudentName, TestSeed.GuardianPhone, "note-text-7731", "宿舍", "学生", "Staff "];
        foreach (var (name, tags, _) in points)
        foreach (var (key, value) in tags)
            personal.ShouldNotContain(p => value != null && value.Contains(p, StringComparison.Ordinal), $"{name} tag {key}={value}");
    }
}
