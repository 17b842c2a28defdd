using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>The escalation rules as plain decisions over a state and a time: no cluster, no clock.</summary>
public sealed class AlertEscalationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly StudentPlacement Placement = new("d1", "s1", "g1", "c1", DormitoryId: null, "f1");

    // Class (web push) → Grade (SMS) → School (SMS), 10 minutes each, run twice in all.
    private static readonly EscalationPolicy Policy = new("s1", CrisisGrade.General,
    [
        new([NetworkLevel.Dormitory, NetworkLevel.Class], [DeliveryChannel.WebPush], TimeSpan.FromMinutes(10)),
        new([NetworkLevel.Grade], [DeliveryChannel.WebPush, DeliveryChannel.Sms], TimeSpan.FromMinutes(10)),
        new([NetworkLevel.School], [DeliveryChannel.WebPush, DeliveryChannel.Sms], TimeSpan.FromMinutes(10)),
    ], Repeats: 1, ActionWithin: TimeSpan.FromHours(1));

    private readonly EscalationState _state = new();
    private AlertEscalation Escalation => new(_state, Placement, CrisisGrade.General);

    [Fact]
    public void StartingFiresTheFirstStepAtTheNodesTheStudentHas()
    {
        var decision = Escalation.Start(Policy, T0);

        decision.Kind.ShouldBe(AlertEventKind.Raised);
        _state.State.ShouldBe(AlertState.Triggered);
        _state.NotifiedNodeIds.ShouldBe(["c1"]); // no dormitory room: that level is skipped, the class still hears
        _state.StepDeadline.ShouldBe(T0.AddMinutes(10));
        decision.Texts.ShouldBeNull(); // the first step is web push only
        decision.FiredNodeIds.ShouldBe(["c1"]); // …and its Web Push goes to the class
        var record = decision.Records.ShouldHaveSingleItem();
        record.Action.ShouldBe(AuditActions.AlertRaised);
        record.After.ShouldBe("grade=General");
        record.Step.ShouldBe(new AuditStep(0, 0, 3, Policy.Steps[0].Levels, T0.AddMinutes(10)), new AuditStepComparer());
    }

    [Fact]
    public void NothingIsDecidedBeforeTheDeadline()
    {
        Escalation.Start(Policy, T0);
        Escalation.Evaluate(T0.AddMinutes(10).AddTicks(-1)).ShouldBe(EscalationDecision.Nothing);
        _state.StepIndex.ShouldBe(0);
    }

    [Fact]
    public void AMissedDeadlineFiresTheNextStepAndTextsItsNodes()
    {
        Escalation.Start(Policy, T0);
        var decision = Escalation.Evaluate(T0.AddMinutes(10));

        decision.Kind.ShouldBe(AlertEventKind.Escalated);
        _state.StepIndex.ShouldBe(1);
        _state.NotifiedNodeIds.ShouldBe(["c1", "g1"]); // earlier levels stay informed
        _state.StepDeadline.ShouldBe(T0.AddMinutes(20));
        decision.Texts.ShouldBe(new StepTexts(["g1"], Firing: 2, StepIndex: 1, Round: 0), new StepTextsComparer());
        decision.FiredNodeIds.ShouldBe(["g1"]); // pushed: the grade this step fires at, not the class told before
        decision.Records.Single().Action.ShouldBe(AuditActions.AlertEscalated);
        decision.Records.Single().Step!.StepIndex.ShouldBe(1);
    }

    [Fact]
    public void AfterTheLastStepTheStepsRunAgainThenEscalationIsExhausted()
    {
        Escalation.Start(Policy, T0);
        var at = T0;
        var kinds = new List<AlertEventKind?>();
        EscalationDecision last = EscalationDecision.Nothing;
        for (var i = 0; i < 6; i++) kinds.Add((last = Escalation.Evaluate(at = at.AddMinutes(10))).Kind);

        kinds.ShouldBe([AlertEventKind.Escalated, AlertEventKind.Escalated, AlertEventKind.Escalated, AlertEventKind.Escalated,
            AlertEventKind.Escalated, AlertEventKind.Exhausted]);
        _state.Exhausted.ShouldBeTrue();
        _state.NextDeadline.ShouldBeNull();
        last.FiredNodeIds.ShouldBeNull(); // exhausted: no step fires, nobody is pushed
        Escalation.Evaluate(at.AddDays(1)).ShouldBe(EscalationDecision.Nothing);
    }

    [Fact]
    public void ExhaustionRecordsTheStepItEndedOnAndTheDeadlineNobodyMet()
    {
        Escalation.Start(Policy, T0);
        var at = T0;
        for (var i = 0; i < 5; i++) Escalation.Evaluate(at = at.AddMinutes(10));
        var decision = Escalation.Evaluate(at.AddMinutes(10));

        var record = decision.Records.ShouldHaveSingleItem();
        record.Action.ShouldBe(AuditActions.EscalationExhausted);
        (record.Step!.StepIndex, record.Step.Round, record.Step.Deadline).ShouldBe((2, 1, (DateTimeOffset?)at.AddMinutes(10)));
    }

    [Fact]
    public void AcknowledgingStopsTheClockAndWaitsForAnAction()
    {
        Escalation.Start(Policy, T0);
        var step = Escalation.Acknowledge("t1", T0.AddMinutes(3));

        step.Deadline.ShouldBe(T0.AddMinutes(10)); // the deadline it beat
        _state.State.ShouldBe(AlertState.Acknowledged);
        _state.AcknowledgedSinceRaised.ShouldBeTrue();
        _state.NextDeadline.ShouldBe(T0.AddMinutes(3).AddHours(1));
        Escalation.Evaluate(T0.AddMinutes(30)).ShouldBe(EscalationDecision.Nothing);
    }

    [Fact]
    public void AnAcknowledgedAlertWithNoActionInTimeTriggersAgainAndStaysSeen()
    {
        Escalation.Start(Policy, T0);
        Escalation.Acknowledge("t1", T0);
        var decision = Escalation.Evaluate(T0.AddHours(1));

        decision.Kind.ShouldBe(AlertEventKind.Retriggered);
        decision.Records.Select(r => r.Action).ShouldBe([AuditActions.AlertRetriggered, AuditActions.AlertRenotified]);
        decision.Records[0].Before.ShouldBe("acknowledgedBy=t1");
        _state.State.ShouldBe(AlertState.Triggered);
        _state.AcknowledgedBy.ShouldBeNull();
        _state.AcknowledgedSinceRaised.ShouldBeTrue();
    }

    [Fact]
    public void AnActionTakenMeansTheAcknowledgedAlertNoLongerTriggersAgain()
    {
        Escalation.Start(Policy, T0);
        Escalation.Acknowledge("t1", T0);
        Escalation.ActionTaken();
        Escalation.Evaluate(T0.AddDays(2)).ShouldBe(EscalationDecision.Nothing);
    }

    [Fact]
    public void RaisingAgainRestartsFromTheFirstStepAndForgetsTheAcknowledgement()
    {
        Escalation.Start(Policy, T0);
        Escalation.Evaluate(T0.AddMinutes(10));
        Escalation.Acknowledge("t1", T0.AddMinutes(11));
        Escalation.Start(Policy, T0.AddMinutes(12)).Kind.ShouldBe(AlertEventKind.Raised);

        (_state.StepIndex, _state.Round, _state.AcknowledgedBy, _state.AcknowledgedSinceRaised).ShouldBe((0, 0, (string?)null, false));
        _state.NotifiedNodeIds.ShouldBe(["c1", "g1"]);
    }

    [Fact]
    public void TheWatchListRaisesNoAlert()
    {
        var watch = new EscalationPolicy("s1", CrisisGrade.Watch, [], 0, TimeSpan.FromDays(30));
        var decision = Escalation.Start(watch, T0);
        (decision.Kind, decision.Records.Count, decision.Texts).ShouldBe((null, 0, null));
        _state.State.ShouldBe(AlertState.None);
    }

    [Fact]
    public void LoweringToTheWatchListResolvesTheAlert()
    {
        Escalation.Start(Policy, T0);
        Escalation.LowerGrade(new EscalationPolicy("s1", CrisisGrade.Watch, [], 0, TimeSpan.FromDays(30))).Kind.ShouldBe(AlertEventKind.CaseUpdated);
        _state.State.ShouldBe(AlertState.Resolved);
        _state.NextDeadline.ShouldBeNull();
    }

    [Fact]
    public void AnUnreachableStepEscalatesAtOnceButOnlyWhileTheAlertWaitsOnThatFiring()
    {
        Escalation.Start(Policy, T0);
        Escalation.Evaluate(T0.AddMinutes(10)); // firing 2 texts the grade level

        Escalation.StepUnreachable(firing: 1, T0.AddMinutes(11)).ShouldBe(EscalationDecision.Nothing);
        var decision = Escalation.StepUnreachable(firing: 2, T0.AddMinutes(11));

        decision.Kind.ShouldBe(AlertEventKind.Escalated);
        decision.Records.Select(r => r.Action).ShouldBe([AuditActions.StepUnreachable, AuditActions.AlertEscalated]);
        decision.Records[0].Step!.StepIndex.ShouldBe(1);
        _state.StepDeadline.ShouldBe(T0.AddMinutes(21));
    }

    [Fact]
    public void ResolvingLeavesNothingDue()
    {
        Escalation.Start(Policy, T0);
        Escalation.Resolve();
        _state.NextDeadline.ShouldBeNull();
        Escalation.Evaluate(T0.AddDays(1)).ShouldBe(EscalationDecision.Nothing);
    }

    // Records compare arrays by reference; these compare what the trail and the outbox would store.
    private sealed class AuditStepComparer : IEqualityComparer<AuditStep>
    {
        public bool Equals(AuditStep? x, AuditStep? y) => x is not null && y is not null
            && (x.StepIndex, x.Round, x.StepCount, x.Deadline) == (y.StepIndex, y.Round, y.StepCount, y.Deadline) && x.Levels.SequenceEqual(y.Levels);
        public int GetHashCode(AuditStep obj) => obj.StepIndex;
    }

    private sealed class StepTextsComparer : IEqualityComparer<StepTexts>
    {
        public bool Equals(StepTexts? x, StepTexts? y) => x is not null && y is not null
            && (x.Firing, x.StepIndex, x.Round) == (y.Firing, y.StepIndex, y.Round) && x.NodeIds.SequenceEqual(y.NodeIds);
        public int GetHashCode(StepTexts obj) => obj.Firing;
    }
}
