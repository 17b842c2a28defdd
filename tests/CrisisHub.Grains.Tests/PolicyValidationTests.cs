using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PolicyValidationTests(ClusterFixture fixture)
{
    private static EscalationPolicy Policy(string school, params EscalationStep[] steps) =>
        new(school, CrisisGrade.Severe, steps, Repeats: 1, ActionWithin: TimeSpan.FromHours(2));

    private static EscalationStep Step(TimeSpan within, params NetworkLevel[] levels) => new(levels, [DeliveryChannel.Sms], within);

    private async Task<DomainRuleException> RejectedAsync(string school, EscalationPolicy policy)
    {
        var error = await Should.ThrowAsync<DomainRuleException>(() =>
            fixture.Grains.GetGrain<IWarningNodeGrain>(school).SetPolicyAsync(policy));
        error.Kind.ShouldBe(RuleKind.Invalid);
        return error;
    }

    [Fact]
    public async Task APolicyNamingALevelTheSchoolLacksIsRejected()
    {
        var dayschool = await TestNetwork.CreateAsync(fixture.Grains, withDormitory: false);

        var error = await RejectedAsync(dayschool.School, Policy(dayschool.School, Step(TimeSpan.FromMinutes(15), NetworkLevel.Dormitory)));

        error.Errors["steps[0].levels"].ShouldContain("the school has no Dormitory level");
    }

    [Fact]
    public async Task AnEmptyStepOrANonPositiveDeadlineIsRejected()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);

        var error = await RejectedAsync(net.School, Policy(net.School, Step(TimeSpan.FromMinutes(15)), Step(TimeSpan.Zero, NetworkLevel.Class)));

        error.Errors.Keys.ShouldContain("steps[0]");
        error.Errors.Keys.ShouldContain("steps[1].acknowledgeWithin");
    }

    [Fact]
    public async Task AOneMillisecondStepIsRejectedWithAMessageNamingTheOneMinuteFloor()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);

        var error = await RejectedAsync(net.School, Policy(net.School, Step(TimeSpan.FromMilliseconds(1), NetworkLevel.Class)));

        error.Errors["steps[0].acknowledgeWithin"].ShouldBe(["must be at least 00:01:00"]);
    }

    [Fact]
    public async Task RepeatsBeyondTheBoundAndAnActionDeadlineBelowItsFloorAreRejectedNamingTheLimits()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);
        var policy = Policy(net.School, Step(TimeSpan.FromMinutes(1), NetworkLevel.Class)) with { Repeats = 11, ActionWithin = TimeSpan.FromSeconds(30) };

        var error = await RejectedAsync(net.School, policy);

        error.Errors["repeats"].ShouldBe(["must be between 0 and 10"]);
        error.Errors["actionWithin"].ShouldBe(["must be at least 00:05:00"]);
        error.Errors.Keys.ShouldNotContain("steps[0].acknowledgeWithin", "a step of exactly the floor is allowed");
    }

    [Fact]
    public void TheFloorsAreTheConfiguredOnes()
    {
        var nodes = new[] { new NodeSummary("c1", NetworkLevel.Class, "c1", ResponderCount: 1) };
        var quick = new EscalationPolicy("s1", CrisisGrade.Severe, [Step(TimeSpan.FromSeconds(2), NetworkLevel.Class)], Repeats: 0, ActionWithin: TimeSpan.FromMinutes(1));
        var lowered = new CrisisHub.Grains.Escalation.PolicyLimits { MinAcknowledgeWithin = TimeSpan.FromSeconds(1), MinActionWithin = TimeSpan.FromMinutes(1) };

        Should.NotThrow(() => CrisisHub.Grains.Escalation.PolicyValidator.Validate(quick, "s1", nodes, 1, 1, lowered));
        var error = Should.Throw<DomainRuleException>(() => CrisisHub.Grains.Escalation.PolicyValidator.Validate(quick, "s1", nodes, 1, 1, new()));
        error.Errors.Keys.ShouldBe(["actionWithin", "steps[0].acknowledgeWithin"], ignoreOrder: true);
    }

    [Fact]
    public void EveryDefaultPolicyKeepsTheDefaultLimits()
    {
        var nodes = new[] { NetworkLevel.Dormitory, NetworkLevel.Class, NetworkLevel.Grade, NetworkLevel.Family }
            .Select(l => new NodeSummary($"n-{l}", l, $"{l}", ResponderCount: 1)).ToArray();
        foreach (var grade in Enum.GetValues<CrisisGrade>())
            Should.NotThrow(() => CrisisHub.Grains.Escalation.PolicyValidator.Validate(
                CrisisHub.Grains.Escalation.DefaultPolicies.For("s1", grade, hasDormitories: true), "s1", nodes, 1, 1, new()));
    }

    [Fact]
    public async Task AStepWhoseLevelHasNoResponderCannotBeSaved()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains, withGuardian: false);

        var error = await RejectedAsync(net.School, Policy(net.School, Step(TimeSpan.FromMinutes(15), NetworkLevel.Class, NetworkLevel.Family)));

        error.Errors["steps[0].levels"].Single().ShouldContain(net.Family);
    }

    [Fact]
    public async Task AValidPolicyIsStoredWithWebPushAlwaysOn()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);
        var school = fixture.Grains.GetGrain<IWarningNodeGrain>(net.School);

        await school.SetPolicyAsync(Policy(net.School, Step(TimeSpan.FromMinutes(10), NetworkLevel.Class, NetworkLevel.Dormitory)));

        var stored = await school.GetPolicyAsync(CrisisGrade.Severe);
        stored.Steps.Single().Channels.ShouldBe([DeliveryChannel.WebPush, DeliveryChannel.Sms]);
        stored.Steps.Single().AcknowledgeWithin.ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task ANodeCannotMoveToAnotherParentOrLevel()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);

        var error = await Should.ThrowAsync<DomainRuleException>(() => fixture.Grains.GetGrain<IWarningNodeGrain>(net.Class)
            .DefineAsync(new WarningNodeDefinition(net.Class, NetworkLevel.Class, "moved", net.School)));

        error.Kind.ShouldBe(RuleKind.Conflict);
    }
}
