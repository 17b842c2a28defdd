using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CaseLifecycleTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task ASecondFlagAttachesToTheOpenCaseAndMayRaiseItsGrade()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var student = _grains.GetGrain<IStudentGrain>(net.Student);

        var first = await student.SubmitFlagAsync(net.Flag(ObservedSign.SuddenWithdrawal));
        var second = await student.SubmitFlagAsync(net.Flag(ObservedSign.ThinkingAboutHow));

        second.CaseId.ShouldBe(first.CaseId);
        second.OpenedNewCase.ShouldBeFalse();
        var view = await _grains.GetGrain<IStudentCaseGrain>(first.CaseId).ReadAsync(TestNetwork.HeadTeacher);
        view.Flags.Length.ShouldBe(2);
        view.Grade.ShouldBe(CrisisGrade.Severe);
        await fixture.Notifier.WaitForAsync(first.CaseId, AlertEventKind.Raised, occurrence: 2);
    }

    [Fact]
    public async Task ALowerFlagNeverLowersTheGradeSilently()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var student = _grains.GetGrain<IStudentGrain>(net.Student);
        var first = await student.SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm));

        await student.SubmitFlagAsync(net.Flag(ObservedSign.Distress));

        (await _grains.GetGrain<IStudentCaseGrain>(first.CaseId).ReadAsync(TestNetwork.HeadTeacher)).Grade.ShouldBe(CrisisGrade.Severe);
    }

    [Fact]
    public async Task TheSameFlagDeliveredTwiceIsStoredOnce()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var flag = net.Flag(ObservedSign.Bullying);

        var first = await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(flag);
        await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(flag);

        (await _grains.GetGrain<IStudentCaseGrain>(first.CaseId).ReadAsync(TestNetwork.HeadTeacher)).Flags.Length.ShouldBe(1);
    }

    [Fact]
    public async Task ClosingNeedsADispositionAndLetsTheNextFlagOpenANewCase()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var student = _grains.GetGrain<IStudentGrain>(net.Student);
        var first = await student.SubmitFlagAsync(net.Flag(ObservedSign.Distress));
        var grain = _grains.GetGrain<IStudentCaseGrain>(first.CaseId);

        var refused = await Should.ThrowAsync<DomainRuleException>(() => grain.CloseAsync(TestNetwork.HeadTeacher, " "));
        refused.Kind.ShouldBe(RuleKind.Invalid);
        var closed = await grain.CloseAsync(TestNetwork.HeadTeacher, "talked with student and guardian; follow-up booked");
        var next = await student.SubmitFlagAsync(net.Flag(ObservedSign.Distress));

        closed.Status.ShouldBe(CaseStatus.Closed);
        next.OpenedNewCase.ShouldBeTrue();
        next.CaseId.ShouldNotBe(first.CaseId);
        (await fixture.Board.ReadAsync([BoardScope.Inbox(net.Class), BoardScope.Wall(net.School), BoardScope.Wall(net.District)], 0, 1000)).Alerts
            .ShouldNotContain(a => a.CaseId == first.CaseId, "a closed case leaves every board");
        await Should.ThrowAsync<DomainRuleException>(() => grain.RecordActionAsync(TestNetwork.HeadTeacher, CaseActionKind.Other, null));
    }

    [Fact]
    public async Task AWatchFlagOpensACaseWithoutAnAlert()
    {
        var net = await TestNetwork.CreateAsync(_grains);

        var receipt = await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(CrisisGrade.Watch));

        var view = await _grains.GetGrain<IStudentCaseGrain>(receipt.CaseId).ReadAsync(TestNetwork.HeadTeacher);
        view.Escalation.State.ShouldBe(AlertState.None);
        fixture.Notifier.For(receipt.CaseId).ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryChangeAndEveryReadIsInAnIntactAuditChain()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var receipt = await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm));
        var grain = _grains.GetGrain<IStudentCaseGrain>(receipt.CaseId);
        await grain.AcknowledgeAsync(TestNetwork.HeadTeacher);
        await grain.ReadAsync(TestNetwork.HeadTeacher);

        var trail = await grain.ReadAuditAsync(TestNetwork.HeadTeacher);

        trail.Verification.Intact.ShouldBeTrue();
        trail.Records.Select(r => r.Action).ShouldBe(["CaseOpened", "AlertRaised", "AlertAcknowledged", "CaseRead", "AuditRead"]);
        trail.Records[2].ActorId.ShouldBe(TestNetwork.HeadTeacher.ActorId);
        trail.Records[2].Before!.ShouldContain("status=Open");
        trail.Records[2].After!.ShouldContain("status=Acknowledged");
    }
}
