using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Audit;
using CrisisHub.Grains.Deadlines;
using CrisisHub.Grains.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Tests;

/// <summary>A student's plan: versions appended to its chain, conflicts, the school's index, and the review alert on fake time.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StudentPlanTests(ClusterFixture fixture)
{
    private static readonly SafetyPlan Safety = new("stays in bed", "music", "the library", "her sister", "12356", "medicines locked away");

    private IStudentPlanGrain Plan(string studentId) => fixture.Grains.GetGrain<IStudentPlanGrain>(studentId);

    private DateOnly Today => PlanRules.Today(fixture.Clock.GetUtcNow());

    /// <summary>A school's network with its psychology centre's account, which may own the student's plan.</summary>
    private async Task<(TestNetwork Net, Actor Psychologist)> SchoolAsync()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);
        var userName = $"psy-{net.School}";
        await fixture.Grains.GetGrain<IUserAccountGrain>(userName).SaveAsync(
            new UserAccount(userName, "Psychology centre", ResponderRole.SchoolPsychologist, [net.School], "hash", "zh-CN", Disabled: false));
        return (net, new Actor(userName, "Psychology centre", ResponderRole.SchoolPsychologist));
    }

    private static PlanDraft Draft(Actor owner, DateOnly nextReviewOn, int level = 2) =>
        new(level, "exam weeks", "skips meals", Safety, [new ResponsibleAdult("Ms Li", "head teacher", "+12025550188")], "no oral tests this month",
            nextReviewOn, owner.ActorId);

    [Fact]
    public async Task VersionsAreAppendedToTheChainAndTheSchoolsIndexFollowsEachSave()
    {
        var (net, psychologist) = await SchoolAsync();
        var first = await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(14)), psychologist, 0, "first plan");
        var second = await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(28), level: 3), psychologist, 1, "calmer");

        first.Current.Version.ShouldBe(1);
        second.Current.Version.ShouldBe(2);
        second.VersionCount.ShouldBe(2);
        second.SchoolId.ShouldBe(net.School);
        second.GradeId.ShouldBe(net.Grade);
        second.Current.Plan.ResponsibleAdults.Single().Phone.ShouldBe("+12025550188");
        (await Plan(net.Student).VersionsAsync()).Select(v => (v.Version, v.Plan.Level, v.ChangeNote)).ShouldBe([(1, 2, "first plan"), (2, 3, "calmer")]);

        var chain = await fixture.AuditLog.ReadAsync(AuditAnchors.PlanChain(net.Student));
        chain.Select(r => r.Action).ShouldBe([PlanChain.Saved, PlanChain.Saved], "one record per version, none rewritten");
        AuditChain.Verify(chain).Intact.ShouldBeTrue();
        chain[1].ActorId.ShouldBe(psychologist.ActorId);

        var index = await fixture.Grains.GetGrain<ISchoolPlansGrain>(net.School).ListAsync();
        index.ShouldHaveSingleItem().ShouldBe(new PlanSummary(net.Student, net.Grade, 3, psychologist.ActorId, Today.AddDays(28), Closed: false));

        // Level 0 closes the plan: the ledger sees it closed and no review is due any more.
        await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(28), level: PlanRules.Closed), psychologist, 2, "left the ledger");
        (await fixture.Grains.GetGrain<ISchoolPlansGrain>(net.School).ListAsync()).Single().Closed.ShouldBeTrue();

        // A new activation reads the versions back from the chain.
        await fixture.Cluster.DeactivateAsync(Plan(net.Student));
        (await Plan(net.Student).VersionsAsync()).Length.ShouldBe(3);
    }

    [Fact]
    public async Task SavingOverAVersionSomeoneElseSavedIsAConflictNotAnOverwrite()
    {
        var (net, psychologist) = await SchoolAsync();
        await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(14)), psychologist, 0, null);

        var conflict = await Should.ThrowAsync<DomainRuleException>(() =>
            Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(21)), psychologist, 0, "edited an old copy"));

        conflict.Kind.ShouldBe(RuleKind.Conflict);
        conflict.Message.ShouldContain("Version 1");
        (await Plan(net.Student).VersionsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ABadDraftIsRefusedFieldByField()
    {
        var (net, psychologist) = await SchoolAsync();
        var draft = Draft(psychologist, Today.AddDays(-1), level: 5) with
        {
            OwnerUserName = "nobody-here",
            ResponsibleAdults = [new ResponsibleAdult("", "mother", "not a phone")],
        };

        var invalid = await Should.ThrowAsync<DomainRuleException>(() => Plan(net.Student).SaveAsync(draft, psychologist, 0, null));

        invalid.Kind.ShouldBe(RuleKind.Invalid);
        invalid.Errors.Keys.ShouldBe(["level", "responsibleAdults[0].name", "responsibleAdults[0].phone", "nextReviewOn", "ownerUserName"], ignoreOrder: true);
        invalid.Errors["level"].Single().ShouldContain("4 (watch)");
        (await Plan(net.Student).GetAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task AnOwnerFromAnotherSchoolIsRefused()
    {
        var (net, _) = await SchoolAsync();
        var (_, elsewhere) = await SchoolAsync();

        var invalid = await Should.ThrowAsync<DomainRuleException>(() => Plan(net.Student).SaveAsync(Draft(elsewhere, Today.AddDays(7)), elsewhere, 0, null));

        invalid.Errors.Keys.ShouldBe(["ownerUserName"]);
    }

    /// <summary>
    /// Moves the shared clock on to the time of day it had at <paramref name="started"/>: other tests of the collection send
    /// texts and expect the school day, not the quiet hours this test's end-of-day steps leave it in.
    /// </summary>
    private void BackToTheTimeOfDayOf(DateTimeOffset started)
    {
        var intoDay = TimeSpan.FromTicks((fixture.Clock.GetUtcNow() - started).Ticks % TimeSpan.TicksPerDay);
        if (intoDay > TimeSpan.Zero) fixture.Clock.Advance(TimeSpan.FromDays(1) - intoDay);
    }

    [Fact]
    public async Task PlanReviewAlertWithFakeTime()
    {
        var started = fixture.Clock.GetUtcNow();
        try
        {
            await ReviewIsAlertedOnceAsync();
        }
        finally
        {
            BackToTheTimeOfDayOf(started);
        }
    }

    private async Task ReviewIsAlertedOnceAsync()
    {
        var (net, psychologist) = await SchoolAsync();
        var reviewOn = Today.AddDays(2);
        await Plan(net.Student).SaveAsync(Draft(psychologist, reviewOn), psychologist, 0, null);
        var dueAt = PlanRules.ReviewDueAt(reviewOn);

        // Until the review day has ended (China Standard Time) nothing is due.
        fixture.Clock.Advance(dueAt - fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await Plan(net.Student).WakeAsync();
        fixture.Notifier.PlanReviewsOf(net.Student).ShouldBeEmpty();
        (await Plan(net.Student).GetAsync())!.ReviewOverdue.ShouldBeFalse();

        // The alarm's timer fires on the grain clock: exactly one General alert, to the owner, naming no one.
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var alert = await fixture.Notifier.WaitForPlanReviewAsync(net.Student);
        alert.OwnerUserName.ShouldBe(psychologist.ActorId);
        alert.Grade.ShouldBe(CrisisGrade.General);
        alert.EventId.ShouldBe($"plan:{net.Student}:{reviewOn:yyyy-MM-dd}");

        // Repeat ticks (the reminder, the sweep, a later day) do not repeat it.
        await Plan(net.Student).WakeAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Plan(net.Student).WakeAsync();
        await fixture.Cluster.DeactivateAsync(Plan(net.Student));
        var view = (await Plan(net.Student).GetAsync())!;
        fixture.Notifier.PlanReviewsOf(net.Student).ShouldHaveSingleItem();
        view.ReviewOverdue.ShouldBeTrue();
        view.ReviewAlertedAt.ShouldNotBeNull();
        (await fixture.AuditLog.ReadAsync(AuditAnchors.PlanChain(net.Student))).Select(r => r.Action).ShouldBe([PlanChain.Saved, PlanChain.ReviewDue]);

        // A version that sets the next review ends it.
        var reviewed = await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(14)), psychologist, 1, "reviewed with her mother");
        reviewed.ReviewOverdue.ShouldBeFalse();
        reviewed.ReviewAlertedAt.ShouldBeNull();
    }

    [Fact]
    public async Task ANewVersionSavedBeforeTheReviewDateMovesTheReviewAndNothingIsAlerted()
    {
        var (net, psychologist) = await SchoolAsync();
        await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(1)), psychologist, 0, null);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(10)), psychologist, 1, "reviewed early");

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await Plan(net.Student).WakeAsync();

        fixture.Notifier.PlanReviewsOf(net.Student).ShouldBeEmpty();
        (await Plan(net.Student).GetAsync())!.ReviewOverdue.ShouldBeFalse();
    }

    [Fact]
    public async Task AReviewThatFellDueWhileThePlanWasNotActiveIsAlertedWhenItsOwnReminderWakesIt()
    {
        var (net, psychologist) = await SchoolAsync();
        await Plan(net.Student).SaveAsync(Draft(psychologist, Today), psychologist, 0, null);
        await fixture.Cluster.DeactivateAsync(Plan(net.Student));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        fixture.Notifier.PlanReviewsOf(net.Student).ShouldBeEmpty();

        // The start-up sweep wakes the crisis deadlines, not plans: a plan's review is its own reminder's.
        var sweep = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<OverdueDeadlineSweep>();
        await sweep.SweepAsync(CancellationToken.None);
        fixture.Notifier.PlanReviewsOf(net.Student).ShouldBeEmpty();
        await Plan(net.Student).AsReference<IRemindable>().ReceiveReminder(StudentPlanGrain.ReviewReminderName, default);

        (await fixture.Notifier.WaitForPlanReviewAsync(net.Student)).OwnerUserName.ShouldBe(psychologist.ActorId);
    }

    [Fact]
    public async Task AReferralsSafetyPlanBecomesThePlansOwnSafetyPlan()
    {
        var (net, psychologist) = await SchoolAsync();
        var teacher = new Actor($"{net.Class}-r", "Teacher", ResponderRole.HeadTeacher);

        // No plan yet: the referral starts one, at level 1, owned by the school's psychology centre.
        var started = (await Plan(net.Student).AdoptSafetyPlanAsync(Safety, teacher, "c-1-R1"))!;
        started.Current.Plan.Level.ShouldBe(1);
        started.Current.Plan.OwnerUserName.ShouldBe(psychologist.ActorId);
        started.Current.Plan.SafetyPlan.ShouldBe(Safety);
        started.Current.ChangeNote.ShouldBe("from referral c-1-R1");

        // A plan that says it already is not versioned again; a changed one is.
        (await Plan(net.Student).AdoptSafetyPlanAsync(Safety, teacher, "c-1-R1"))!.VersionCount.ShouldBe(1);
        await Plan(net.Student).SaveAsync(Draft(psychologist, Today.AddDays(5), level: 3), psychologist, 1, "after the meeting");
        var changed = Safety with { MakingTheEnvironmentSafe = "knives locked away too" };
        var adopted = (await Plan(net.Student).AdoptSafetyPlanAsync(changed, teacher, "c-1-R2"))!;
        adopted.Current.Version.ShouldBe(3);
        adopted.Current.Plan.SafetyPlan.ShouldBe(changed);
        adopted.Current.Plan.Level.ShouldBe(1, "a referred student is at level 1");
        adopted.Current.Plan.AgreedSupport.ShouldBe("no oral tests this month", "the rest of the plan stays as it was");
    }
}
