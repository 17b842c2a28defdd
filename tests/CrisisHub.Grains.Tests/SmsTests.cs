using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Sms;

namespace CrisisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SmsTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private FakeSmsGateway Gateway => fixture.Sms;

    // Distinct numbers by construction (TestNetwork's responders share +1 202 555 0123; these never do).
    private static int _numbers;
    private static readonly string[] AreaCodes = ["415", "617", "718", "305", "206", "312"];

    private static string UniquePhone()
    {
        var n = Interlocked.Increment(ref _numbers);
        return $"+1{AreaCodes[n / 100 % AreaCodes.Length]}5550{100 + n % 100}";
    }

    /// <summary>A network whose class and room responders have phones of their own, so texts can be told apart.</summary>
    private async Task<(TestNetwork Net, string ClassPhone, string RoomPhone)> NetworkAsync()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var classPhone = UniquePhone();
        var roomPhone = UniquePhone();
        await _grains.GetGrain<IWarningNodeGrain>(net.Class).SetRespondersAsync([new($"{net.Class}-t", "班主任", ResponderRole.HeadTeacher, classPhone, true, null)]);
        await _grains.GetGrain<IWarningNodeGrain>(net.Room!).SetRespondersAsync([new($"{net.Room}-s", "宿管", ResponderRole.DormitorySupervisor, roomPhone, true, null)]);
        return (net, classPhone, roomPhone);
    }

    private async Task<CaseView> WaitForTextsAsync(string caseId, Func<CaseView, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var view = await _grains.GetGrain<IStudentCaseGrain>(caseId).ReadAsync(TestNetwork.HeadTeacher);
            if (done(view)) return view;
            await Task.Delay(50);
        }

        throw new TimeoutException("The texts never reached the expected state.");
    }

    private async Task<string> FlagAsync(TestNetwork net, params ObservedSign[] signs) =>
        (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(signs))).CaseId;

    [Fact]
    public async Task ASevereAlertTextsEveryOnDutyResponderOfTheFirstStepWithoutNamesOrSigns()
    {
        var (net, classPhone, roomPhone) = await NetworkAsync();

        var caseId = await FlagAsync(net, ObservedSign.SelfHarm);

        var view = await WaitForTextsAsync(caseId, v => v.Texts.Length == 2 && v.Texts.All(t => t.Status == SmsStatus.Accepted));
        view.Texts.Select(t => t.RecipientId).ShouldBe([$"{net.Class}-t", $"{net.Room}-s"], ignoreOrder: true);
        var text = Gateway.AcceptedFor(classPhone).Single();
        text.Body.ShouldContain(caseId);
        text.Body.ShouldContain("严重");
        text.Body.ShouldNotContain("王小明");
        text.Body.ShouldNotContain("自伤");
        text.Body.Length.ShouldBeLessThanOrEqualTo(70);
        text.ValidityPeriod.ShouldBe(TimeSpan.FromMinutes(15));
        Gateway.AcceptedFor(roomPhone).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AGeneralAlertStartsOnTheWebAndTextsOnlyWhenItEscalates()
    {
        var (net, classPhone, _) = await NetworkAsync();
        var caseId = await FlagAsync(net, ObservedSign.Distress);
        await fixture.Notifier.WaitForAsync(caseId, AlertEventKind.Raised);
        (await _grains.GetGrain<IStudentCaseGrain>(caseId).ReadAsync(TestNetwork.HeadTeacher)).Texts.ShouldBeEmpty();

        fixture.Clock.Advance(TimeSpan.FromHours(4));
        await fixture.Notifier.WaitForAsync(caseId, AlertEventKind.Escalated);

        var view = await WaitForTextsAsync(caseId, v => v.Texts.Length > 0 && v.Texts.All(t => t.Status == SmsStatus.Accepted));
        view.Texts.ShouldAllBe(t => t.RecipientId == $"{net.Grade}-r");
        Gateway.AcceptedFor(classPhone).ShouldBeEmpty();
    }

    [Fact]
    public async Task HandingTheSameTextTwiceSendsItOnce()
    {
        var phone = UniquePhone();
        var request = new SmsRequest($"c-dup-{Guid.NewGuid():N}.1.r1", "c-dup", new SmsRecipient("r1", "R", ResponderRole.HeadTeacher, phone, null, "zh-CN"),
            CrisisGrade.Severe, "School", DateTimeOffset.UtcNow);

        await _grains.GetGrain<ISmsMessageGrain>(request.MessageId).EnqueueAsync(request);
        await _grains.GetGrain<ISmsMessageGrain>(request.MessageId).EnqueueAsync(request);

        await WaitUntilAsync(() => Gateway.AcceptedFor(phone).Count == 1);
        (await _grains.GetGrain<ISmsMessageGrain>(request.MessageId).GetAsync())!.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task ARefusedAttemptIsRetriedAfterTheProvidersRetryAfterAndSentOnce()
    {
        var phone = UniquePhone();
        Gateway.Script(phone, (FakeSmsGateway.Behaviour.Transient, 30));
        var request = Request(phone);
        var grain = _grains.GetGrain<ISmsMessageGrain>(request.MessageId);

        await grain.EnqueueAsync(request);
        await WaitUntilAsync(async () => (await grain.GetAsync())!.Attempts == 1);
        (await grain.GetAsync())!.Status.ShouldBe(SmsStatus.Queued);
        fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        (await grain.GetAsync())!.Attempts.ShouldBe(1, "Retry-After is 30 s");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        await WaitUntilAsync(async () => (await grain.GetAsync())!.Status == SmsStatus.Accepted);
        Gateway.AcceptedFor(phone).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ACrashBetweenTheProvidersAcceptanceAndOurRecordSendsNoSecondText()
    {
        var phone = UniquePhone();
        Gateway.Script(phone, (FakeSmsGateway.Behaviour.AcceptThenLoseAnswer, 0));
        var request = Request(phone);
        var grain = _grains.GetGrain<ISmsMessageGrain>(request.MessageId);

        await grain.EnqueueAsync(request);
        await WaitUntilAsync(async () => (await grain.GetAsync())!.Attempts == 1);
        (await grain.GetAsync())!.Status.ShouldBe(SmsStatus.Sending, "the answer was lost: the attempt stays open");
        // A restart: the activation is gone, the stored attempt remains.
        await fixture.Cluster.DeactivateAsync(grain);
        (await grain.GetAsync())!.Status.ShouldBe(SmsStatus.Sending);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await WaitUntilAsync(async () => (await grain.GetAsync())!.Status == SmsStatus.Accepted);
        Gateway.AcceptedFor(phone).Count.ShouldBe(1);
        (await grain.GetAsync())!.Attempts.ShouldBe(1, "reconciled, not resent");
    }

    [Fact]
    public async Task WhenTheProviderCannotBeAskedAboutALostAnswerTheTextBacksOffAndAsksAgainInsteadOfSendingTwice()
    {
        var phone = UniquePhone();
        Gateway.Script(phone, (FakeSmsGateway.Behaviour.AcceptThenLoseAnswer, 0));
        Gateway.FailLookups(phone, 2);
        var request = Request(phone);
        var grain = _grains.GetGrain<ISmsMessageGrain>(request.MessageId);
        await grain.EnqueueAsync(request);
        await WaitUntilAsync(async () => (await grain.GetAsync())!.Attempts == 1);

        fixture.Clock.Advance(TimeSpan.FromSeconds(15));
        await WaitUntilAsync(() => Gateway.LookupsFor(phone) == 1);
        // The failed look-up is counted as the gateway is asked; the back-off is stored a moment later. Advancing
        // the clock in between would start the back-off from the later time, so wait for it to be stored.
        await WaitUntilAsync(async () => (await grain.GetAsync())!.UpdatedAt == fixture.Clock.GetUtcNow());
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => Gateway.LookupsFor(phone) == 2);
        await WaitUntilAsync(async () => (await grain.GetAsync())!.UpdatedAt == fixture.Clock.GetUtcNow());
        (await grain.GetAsync())!.Status.ShouldBe(SmsStatus.Sending, "the provider may hold it: the attempt stays open");
        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Gateway.LookupsFor(phone).ShouldBe(2, "each failed look-up doubles the wait");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        await WaitUntilAsync(async () => (await grain.GetAsync())!.Status == SmsStatus.Accepted);
        Gateway.AcceptedFor(phone).Count.ShouldBe(1);
        (await grain.GetAsync())!.Attempts.ShouldBe(1, "found by the look-up, never resent");
    }

    [Fact]
    public async Task WhenEveryRecipientOfAStepIsUnreachableEscalationMovesOnAtOnce()
    {
        var (net, classPhone, roomPhone) = await NetworkAsync();
        Gateway.Script(classPhone, (FakeSmsGateway.Behaviour.Permanent, TwilioErrors.InvalidNumber));
        Gateway.Script(roomPhone, (FakeSmsGateway.Behaviour.Permanent, TwilioErrors.NotMobile));

        var caseId = await FlagAsync(net, ObservedSign.SelfHarm);

        var escalated = await fixture.Notifier.WaitForAsync(caseId, AlertEventKind.Escalated);
        escalated.NodeIds.ShouldContain(net.Grade);
        var view = await _grains.GetGrain<IStudentCaseGrain>(caseId).ReadAsync(TestNetwork.HeadTeacher);
        view.Texts.Where(t => t.Step == 0).ShouldAllBe(t => t.Status == SmsStatus.Failed);
        view.Texts.Single(t => t.RecipientId == $"{net.Class}-t").ErrorCode.ShouldBe(TwilioErrors.InvalidNumber);
    }

    [Fact]
    public async Task AnUnsubscribedNumberGetsNothingUntilItSendsStart()
    {
        var phone = UniquePhone();
        var first = Request(phone);
        await _grains.GetGrain<ISmsMessageGrain>(first.MessageId).EnqueueAsync(first);
        await WaitUntilAsync(() => Gateway.AcceptedFor(phone).Count == 1);
        var contact = _grains.GetGrain<ISmsContactGrain>(phone);

        (await contact.InterpretAsync("退订", fixture.Clock.GetUtcNow())).Kind.ShouldBe(InboundKind.Stop);
        var second = Request(phone);
        await _grains.GetGrain<ISmsMessageGrain>(second.MessageId).EnqueueAsync(second);
        (await _grains.GetGrain<ISmsMessageGrain>(second.MessageId).GetAsync())!.Status.ShouldBe(SmsStatus.Unsubscribed);
        (await contact.InterpretAsync("START", fixture.Clock.GetUtcNow())).Kind.ShouldBe(InboundKind.Start);
        var third = Request(phone);
        await _grains.GetGrain<ISmsMessageGrain>(third.MessageId).EnqueueAsync(third);

        await WaitUntilAsync(() => Gateway.AcceptedFor(phone).Count == 2);
    }

    [Fact]
    public async Task GeneralTextsToOneRecipientAreSpacedButSevereOnesAreNot()
    {
        var phone = UniquePhone();
        var general = Enumerable.Range(0, 2).Select(_ => Request(phone, CrisisGrade.General)).ToList();
        foreach (var r in general) await _grains.GetGrain<ISmsMessageGrain>(r.MessageId).EnqueueAsync(r);
        var severe = Request(phone);
        await _grains.GetGrain<ISmsMessageGrain>(severe.MessageId).EnqueueAsync(severe);

        await WaitUntilAsync(() => Gateway.AcceptedFor(phone).Count == 2);
        (await _grains.GetGrain<ISmsMessageGrain>(general[1].MessageId).GetAsync())!.Status.ShouldBe(SmsStatus.Queued);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => Gateway.AcceptedFor(phone).Count == 3);
    }

    private SmsRequest Request(string phone, CrisisGrade grade = CrisisGrade.Severe) =>
        new($"c-t-{Guid.NewGuid():N}.1.r1", "c-none", new SmsRecipient("r1", "R", ResponderRole.HeadTeacher, phone, null, "zh-CN"),
            grade, "School", fixture.Clock.GetUtcNow());

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // Waits for grain work on other threads, not for time to pass (time is the fake clock's): the bound is
        // generous so a busy machine cannot fail a correct test; a passing test never waits it out.
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < giveUp)
        {
            if (await condition()) return;
            await Task.Delay(25);
        }

        throw new TimeoutException("Condition not met in 30 s.");
    }
}
