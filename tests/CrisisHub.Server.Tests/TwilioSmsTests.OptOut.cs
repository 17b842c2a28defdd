using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Server.Tests;

public sealed partial class TwilioSmsTests
{
    [Fact]
    public async Task AGuardianWhoSendsStopBeforeTheFirstTextIsNotTextedIsShownUnsubscribedAndStartSubscribesAgain()
    {
        // Written as a person would type it: the opt-out is kept under the normalised number.
        var stop = await _twilio.SendInboundAsync(_server.BaseAddress, "+1 (312) 555-0177", "STOP");
        (await stop.Content.ReadAsStringAsync()).ShouldContain("<Response/>");

        var caseId = await FlagAsync(1, "twilio-early-stop", ObservedSign.AttemptOrPreparation);

        var view = await Eventually.Async(() => CaseAsync(caseId), v => v.UnsubscribedRecipients.Length == 1);
        var guardian = view.UnsubscribedRecipients.Single();
        guardian.ShouldStartWith("fam-");
        view.Texts.Single(t => t.RecipientId == guardian).Status.ShouldBe(SmsStatus.Unsubscribed);
        await TextsToAsync(await PhoneOfAsync(TestSeed.Class), 1);
        _twilio.To(TestSeed.GuardianPhone).ShouldBeEmpty("the head teacher was texted, the guardian who sent STOP was not");

        (await _twilio.SendInboundAsync(_server.BaseAddress, TestSeed.GuardianPhone, "START")).EnsureSuccessStatusCode();
        await Eventually.Async(() => CaseAsync(caseId), v => v.UnsubscribedRecipients.Length == 0);
        _clock.Advance(TimeSpan.FromMinutes(5)); // nobody acknowledged: the Major step fires again, texts included

        var text = (await TextsToAsync(TestSeed.GuardianPhone, 1)).Single();
        text.Body.ShouldContain(caseId);
        (await CaseAsync(caseId)).Texts.Where(t => t.RecipientId == guardian).Select(t => t.Status)
            .ShouldBe([SmsStatus.Unsubscribed, SmsStatus.Accepted], ignoreOrder: true);
    }
}
