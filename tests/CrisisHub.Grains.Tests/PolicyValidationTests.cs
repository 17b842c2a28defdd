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
