using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class EscalationTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private readonly Contracts.Wallboard.IAlertBoard _board = fixture.Board;
    private readonly RecordingNotifier _notes = fixture.Notifier;

    private async Task<(TestNetwork Net, string CaseId)> FlagAsync(params ObservedSign[] signs)
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var receipt = await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(signs));
        return (net, receipt.CaseId);
    }

    private IStudentCaseGrain Case(string id) => _grains.GetGrain<IStudentCaseGrain>(id);

    [Fact]
    public async Task AFlagReachesTheClassLevelAtOnce()
    {
        var (net, caseId) = await FlagAsync(ObservedSign.SelfHarm);

        var raised = await _notes.WaitForAsync(caseId, AlertEventKind.Raised);

        raised.NodeIds.ShouldBe([net.Room!, net.Class], ignoreOrder: true);
        raised.Alert.Grade.ShouldBe(CrisisGrade.Severe);
        raised.Alert.MaskedName.ShouldBe("王**");
        // The flag's call returned, so the case's turn is over: its boards were written after the push.
        (await _board.ReadAsync([BoardScope.Inbox(net.Class)], 0, 1000)).Alerts.ShouldContain(a => a.CaseId == caseId);
        (await _board.ReadAsync([BoardScope.Inbox(net.School)], 0, 1000)).Alerts.ShouldNotContain(a => a.CaseId == caseId, "the school's inbox hears of it when the alert reaches the school");
        (await _board.ReadAsync([BoardScope.Wall(net.School)], 0, 1000)).Alerts.ShouldContain(a => a.CaseId == caseId, "the school's wallboard shows every open case");
    }

    [Fact]
    public async Task UnacknowledgedSevereAlertClimbsEveryLevelThenRepeatsThenIsExhausted()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var severe = new EscalationPolicy(net.School, CrisisGrade.Severe,
        [
            new([NetworkLevel.Dormitory, NetworkLevel.Class], [DeliveryChannel.Sms], TimeSpan.FromMinutes(15)),
            new([NetworkLevel.Grade], [DeliveryChannel.Sms], TimeSpan.FromMinutes(15)),
            new([NetworkLevel.School], [DeliveryChannel.Sms], TimeSpan.FromMinutes(15)),
            new([NetworkLevel.Family], [DeliveryChannel.Sms], TimeSpan.FromMinutes(15)),
        ], Repeats: 1, ActionWithin: TimeSpan.FromHours(2));
        await _grains.GetGrain<IWarningNodeGrain>(net.School).SetPolicyAsync(severe);
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm))).CaseId;
        await _notes.WaitForAsync(caseId, AlertEventKind.Raised);

        string[][] expectedAudience =
        [
            [net.Room!, net.Class, net.Grade],
            [net.Room!, net.Class, net.Grade, net.School],
            [net.Room!, net.Class, net.Grade, net.School, net.Family],
        ];
        for (var step = 0; step < 3; step++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(14));
            (await Case(caseId).WakeAndRead()).Escalation.StepIndex.ShouldBe(step, "the deadline has not passed yet");
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            var escalated = await _notes.WaitForAsync(caseId, AlertEventKind.Escalated, occurrence: step + 1);
            escalated.NodeIds.ShouldBe(expectedAudience[step], ignoreOrder: true);
        }

        // The repeat round starts from the first step again, then the last step's deadline exhausts it.
        for (var step = 0; step < 4; step++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(15));
            await _notes.WaitForAsync(caseId, AlertEventKind.Escalated, occurrence: 4 + step);
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        var exhausted = await _notes.WaitForAsync(caseId, AlertEventKind.Exhausted);
        exhausted.Alert.Exhausted.ShouldBeTrue();
        var view = await Case(caseId).ReadAsync(TestNetwork.HeadTeacher);
        view.Escalation.Exhausted.ShouldBeTrue();
        view.Escalation.StepDeadline.ShouldBeNull();
        // The read above ran after the turn that pushed "exhausted", which wrote the boards before ending.
        (await _board.ReadAsync([BoardScope.Wall(net.School)], 0, 1000)).Alerts.Single(a => a.CaseId == caseId).Exhausted.ShouldBeTrue();
    }

    [Fact]
    public async Task AcknowledgementStopsEscalation()
    {
        var (_, caseId) = await FlagAsync(ObservedSign.SelfHarm);
        await _notes.WaitForAsync(caseId, AlertEventKind.Raised);

        var ack = await Case(caseId).AcknowledgeAsync(TestNetwork.HeadTeacher);
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));

        ack.Acknowledged.ShouldBeTrue();
        var view = await Case(caseId).WakeAndRead();
        view.Status.ShouldBe(CaseStatus.Acknowledged);
        view.Escalation.State.ShouldBe(AlertState.Acknowledged);
        view.Escalation.StepIndex.ShouldBe(0);
        _notes.For(caseId).ShouldNotContain(n => n.Kind == AlertEventKind.Escalated);
        var again = await Case(caseId).AcknowledgeAsync(TestNetwork.Monitor);
        again.AlreadyAcknowledged.ShouldBeTrue();
        again.AcknowledgedBy.ShouldBe(TestNetwork.HeadTeacher.ActorId);
    }

    [Fact]
    public async Task MajorNotifiesEveryLevelAndTheFamilyAtOnce()
    {
        var (net, caseId) = await FlagAsync(ObservedSign.AttemptOrPreparation);

        var raised = await _notes.WaitForAsync(caseId, AlertEventKind.Raised);

        raised.Alert.Grade.ShouldBe(CrisisGrade.Major);
        raised.NodeIds.ShouldBe([net.Room!, net.Class, net.Grade, net.School, net.Family], ignoreOrder: true);
        (await Case(caseId).WakeAndRead()).Escalation.StepDeadline
            .ShouldBe(fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task RaisingTheGradeRestartsEscalationUnderTheNewPolicy()
    {
        var (net, caseId) = await FlagAsync(ObservedSign.Bullying);
        await _notes.WaitForAsync(caseId, AlertEventKind.Raised);
        fixture.Clock.Advance(TimeSpan.FromHours(4));
        (await _notes.WaitForAsync(caseId, AlertEventKind.Escalated)).NodeIds.ShouldContain(net.Grade);

        await Case(caseId).ChangeGradeAsync(TestNetwork.HeadTeacher, CrisisGrade.Major, "student disclosed a plan");

        var restarted = await _notes.WaitForAsync(caseId, AlertEventKind.Raised, occurrence: 2);
        restarted.Alert.StepIndex.ShouldBe(0);
        restarted.Alert.Grade.ShouldBe(CrisisGrade.Major);
        restarted.NodeIds.ShouldContain(net.Family);
        var view = await Case(caseId).WakeAndRead();
        view.Escalation.StepDeadline.ShouldBe(fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        view.GradeChanges.Single().Reason.ShouldBe("student disclosed a plan");
    }

    [Fact]
    public async Task AnAcknowledgedAlertWithNoActionTriggersAgain()
    {
        var (_, caseId) = await FlagAsync(ObservedSign.SelfHarm);
        await _notes.WaitForAsync(caseId, AlertEventKind.Raised);
        await Case(caseId).AcknowledgeAsync(TestNetwork.HeadTeacher);

        fixture.Clock.Advance(TimeSpan.FromHours(2));

        var again = await _notes.WaitForAsync(caseId, AlertEventKind.Retriggered);
        again.Alert.AlertState.ShouldBe(AlertState.Triggered);
        (await Case(caseId).WakeAndRead()).Escalation.AcknowledgedBy.ShouldBeNull();
    }

    [Fact]
    public async Task RecordingAnActionInTimeKeepsTheAlertAcknowledged()
    {
        var (_, caseId) = await FlagAsync(ObservedSign.SelfHarm);
        await _notes.WaitForAsync(caseId, AlertEventKind.Raised);
        await Case(caseId).AcknowledgeAsync(TestNetwork.HeadTeacher);
        await Case(caseId).RecordActionAsync(TestNetwork.HeadTeacher, CaseActionKind.TalkedWithStudent, "talked after class");

        fixture.Clock.Advance(TimeSpan.FromHours(3));

        var view = await Case(caseId).WakeAndRead();
        view.Status.ShouldBe(CaseStatus.InIntervention);
        view.Escalation.State.ShouldBe(AlertState.Acknowledged);
        _notes.For(caseId).ShouldNotContain(n => n.Kind == AlertEventKind.Retriggered);
    }
    /// <summary>Two web-push steps of 15 minutes, run twice: small enough to follow every record.</summary>
    private async Task<string> FlagUnderTwoStepPolicyAsync(int repeats)
    {
        var net = await TestNetwork.CreateAsync(_grains);
        await _grains.GetGrain<IWarningNodeGrain>(net.School).SetPolicyAsync(new EscalationPolicy(net.School, CrisisGrade.Severe,
        [
            new([NetworkLevel.Dormitory, NetworkLevel.Class], [DeliveryChannel.WebPush], TimeSpan.FromMinutes(15)),
            new([NetworkLevel.Grade], [DeliveryChannel.WebPush], TimeSpan.FromMinutes(15)),
        ], Repeats: repeats, ActionWithin: TimeSpan.FromHours(2)));
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm))).CaseId;
        await _notes.WaitForAsync(caseId, AlertEventKind.Raised);
        return caseId;
    }

    private async Task<AuditRecord[]> StepRecordsAsync(string caseId) =>
        [.. (await Case(caseId).ReadAuditAsync(TestNetwork.HeadTeacher)).Records.Where(r => r.Step is not null)];

    private static (string, int, int, int, string, DateTimeOffset?) Shape(AuditRecord r) =>
        (r.Action, r.Step!.StepIndex, r.Step.Round, r.Step.StepCount, string.Join('+', r.Step.Levels), r.Step.Deadline);

    [Fact]
    public async Task TheTrailRecordsEveryFiringAndTheExhaustionAsStructuredStepsCountedFromZero()
    {
        var t0 = fixture.Clock.GetUtcNow();
        var caseId = await FlagUnderTwoStepPolicyAsync(repeats: 1);
        for (var firing = 1; firing <= 3; firing++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(15));
            await _notes.WaitForAsync(caseId, AlertEventKind.Escalated, occurrence: firing);
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        var exhausted = await _notes.WaitForAsync(caseId, AlertEventKind.Exhausted);

        var records = await StepRecordsAsync(caseId);
        const string first = "Dormitory+Class", second = "Grade";
        records.Select(Shape).ShouldBe(new (string, int, int, int, string, DateTimeOffset?)[]
        {
            ("AlertRaised", 0, 0, 2, first, t0.AddMinutes(15)),
            ("AlertEscalated", 1, 0, 2, second, t0.AddMinutes(30)),
            ("AlertEscalated", 0, 1, 2, first, t0.AddMinutes(45)),
            ("AlertEscalated", 1, 1, 2, second, t0.AddMinutes(60)),
            // Exhaustion names the step and round it ended on and the deadline nobody met.
            ("EscalationExhausted", 1, 1, 2, second, t0.AddMinutes(60)),
        });
        // One numbering: the pushes count as the trail does.
        (exhausted.Alert.StepIndex, exhausted.Alert.Round).ShouldBe((1, 1));
        records.ShouldAllBe(r => !(r.Before + r.After).Contains("step=") && !(r.Before + r.After).Contains("round="));
    }

    [Fact]
    public async Task AnAcknowledgementAndARenotificationRecordTheStepTheyHappenedAt()
    {
        var t0 = fixture.Clock.GetUtcNow();
        var caseId = await FlagUnderTwoStepPolicyAsync(repeats: 0);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        await _notes.WaitForAsync(caseId, AlertEventKind.Escalated);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        await Case(caseId).AcknowledgeAsync(TestNetwork.HeadTeacher);
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await _notes.WaitForAsync(caseId, AlertEventKind.Retriggered);

        var records = await StepRecordsAsync(caseId);
        records.Select(Shape).Skip(2).ShouldBe(new (string, int, int, int, string, DateTimeOffset?)[]
        {
            // Acknowledged at the second step, before its deadline.
            ("AlertAcknowledged", 1, 0, 2, "Grade", t0.AddMinutes(30)),
            ("AlertRenotified", 1, 0, 2, "Grade", t0.AddMinutes(20 + 120 + 15)),
        });
        records[2].Before.ShouldBe("status=Open");
    }
}

internal static class CaseGrainTestExtensions
{
    /// <summary>Reads the case after any deadline work already queued on the grain has run.</summary>
    public static async Task<CaseView> WakeAndRead(this IStudentCaseGrain grain)
    {
        await grain.WakeAsync();
        return await grain.ReadAsync(TestNetwork.HeadTeacher);
    }
}
