using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>The outbox's decisions as plain data: no cluster, no gateway.</summary>
public sealed class CaseOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly SmsRecipient Ann = new("r-ann", "Ann", ResponderRole.HeadTeacher, "+8613800000001", null, "zh-CN");
    private static readonly SmsRecipient Bo = new("r-bo", "Bo", ResponderRole.GradeDirector, "+8613800000002", "a-bo", "en");

    private readonly List<PendingText> _pending = [];
    private readonly List<SmsDispatch> _dispatches = [];
    private CaseOutbox Outbox => new(_pending, _dispatches);

    [Fact]
    public void AStepsTextsArePendingUntilAddressedThenOnePerRecipient()
    {
        Outbox.Plan("c1", new StepTexts(["g1"], Firing: 2, StepIndex: 1, Round: 0));
        var text = Outbox.Pending.ShouldHaveSingleItem();
        text.NodeIds.ShouldBe(["g1"]);

        Outbox.Address(text, "c1", CrisisGrade.Severe, "No. 1 School", [Ann, Bo], T0);

        Outbox.Pending.ShouldBeEmpty();
        _dispatches.Select(d => d.Request.MessageId).ShouldBe(["c1.2.r-ann", "c1.2.r-bo"]);
        _dispatches.ShouldAllBe(d => d.Firing == 2 && d.Step == 1 && d.Round == 0 && d.Status == SmsStatus.Queued && !d.Handed);
        _dispatches[1].Request.ShouldBe(new SmsRequest("c1.2.r-bo", "c1", Bo, CrisisGrade.Severe, "No. 1 School", T0, SmsPurpose.Alert));
        Outbox.Unhanded.Count.ShouldBe(2);
    }

    [Fact]
    public void AddressingTheSameDecisionAgainAddsNoSecondText()
    {
        // A crash after addressing but before the write that removed the pending decision addresses it again.
        Outbox.Plan("c1", new StepTexts(["g1"], 1, 0, 0));
        var text = Outbox.Pending[0];
        Outbox.Address(text, "c1", CrisisGrade.Severe, "S", [Ann], T0);
        _pending.Add(text);
        Outbox.Address(text, "c1", CrisisGrade.Severe, "S", [Ann, Bo], T0.AddMinutes(1));

        _dispatches.Select(d => d.Request.MessageId).ShouldBe(["c1.1.r-ann", "c1.1.r-bo"]);
    }

    [Fact]
    public void ReferralOverdueTextsGoToTheSchoolAndAreNoStepOfTheEscalation()
    {
        Outbox.PlanReferralOverdue("c1-R1", eventSequence: 4, "s1", stepIndex: 2, round: 1);
        var text = Outbox.Pending.ShouldHaveSingleItem();
        text.NodeIds.ShouldBe(["s1"]);
        Outbox.Address(text, "c1", CrisisGrade.Major, "S", [Ann], T0);

        var dispatch = _dispatches.ShouldHaveSingleItem();
        (dispatch.Request.MessageId, dispatch.Request.Purpose, dispatch.Firing, dispatch.Step, dispatch.Round)
            .ShouldBe(("c1-R1.missed4.r-ann", SmsPurpose.ReferralOverdue, -1, 2, 1));
        Record(dispatch, SmsStatus.Failed);
        Outbox.EveryTextUnreachable(-1).ShouldBeFalse();
    }

    [Fact]
    public void AnOutcomeIsNewsOnlyOnceAndOnlyForAKnownText()
    {
        Outbox.Plan("c1", new StepTexts(["g1"], 1, 0, 0));
        Outbox.Address(Outbox.Pending[0], "c1", CrisisGrade.Severe, "S", [Ann], T0);

        Outbox.Record(new SmsOutcome("c1.1.unknown", "x", SmsStatus.Failed, 30003, T0)).ShouldBeNull();
        Outbox.Record(new SmsOutcome("c1.1.r-ann", "r-ann", SmsStatus.Failed, 30003, T0)).ShouldNotBeNull().ErrorCode.ShouldBe(30003);
        Outbox.Record(new SmsOutcome("c1.1.r-ann", "r-ann", SmsStatus.Failed, 30003, T0)).ShouldBeNull();
        Outbox.UnreachableCount.ShouldBe(1);
    }

    [Fact]
    public void AFiringIsUnreachableOnlyWhenEveryOneOfItsTextsIs()
    {
        Outbox.Plan("c1", new StepTexts(["g1"], 3, 1, 0));
        Outbox.Address(Outbox.Pending[0], "c1", CrisisGrade.Severe, "S", [Ann, Bo], T0);

        Record(_dispatches[0], SmsStatus.Undelivered);
        Outbox.EveryTextUnreachable(3).ShouldBeFalse();
        Record(_dispatches[1], SmsStatus.Unsubscribed);
        Outbox.EveryTextUnreachable(3).ShouldBeTrue();
    }

    private void Record(SmsDispatch dispatch, SmsStatus status) =>
        Outbox.Record(new SmsOutcome(dispatch.Request.MessageId, dispatch.Request.Recipient.RecipientId, status, null, T0));
}
