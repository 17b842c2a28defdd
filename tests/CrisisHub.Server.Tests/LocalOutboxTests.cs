using System.Text.Json;
using System.Text.RegularExpressions;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Server.Tests;

/// <summary>The embedded default without Twilio credentials: texts land in a local outbox, replies can be simulated.</summary>
[Collection(ServerCollection.Name)]
public sealed class LocalOutboxTests(ServerFixture server)
{
    [Fact]
    public async Task TextsGoToTheLocalOutboxAndASimulatedReplyAcknowledgesAsThePhoneWould()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var admin = await server.SignInAsync("admin");
        var flagged = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 17), "outbox-1", ObservedSign.SelfHarm);
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        var text = (await Eventually.Async(() => admin.GetAsync<LocalText[]>("api/sms/outbox"),
            texts => texts.Any(t => t.Body.Contains(caseId) && t.MessageId.EndsWith("-teacher"))))
            .First(t => t.Body.Contains(caseId) && t.MessageId.EndsWith("-teacher"));
        var code = Regex.Match(text.Body, @"回复 1 (\d{4})").Groups[1].Value;
        var reply = await admin.PostAsync("api/sms/simulated-replies", new { from = text.To, body = $"OK {code}" });

        (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply").GetString().ShouldBe($"已确认预警 {caseId}，谢谢。");
        var view = await teacher.GetAsync<CaseView>($"api/cases/{caseId}");
        view.Escalation.State.ShouldBe(AlertState.Acknowledged);
        view.Texts.ShouldContain(t => t.Status == SmsStatus.Delivered);
        (await teacher.Http.GetAsync("api/sms/outbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
