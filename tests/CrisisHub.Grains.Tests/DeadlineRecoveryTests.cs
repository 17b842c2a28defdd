using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeadlineRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ADeadlineThatPassedWhileTheGrainWasGoneFiresWhenTheSweepWakesIt()
    {
        var net = await TestNetwork.CreateAsync(fixture.Grains);
        var caseId = (await fixture.Grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm))).CaseId;
        await fixture.Notifier.WaitForAsync(caseId, AlertEventKind.Raised);
        var grain = fixture.Grains.GetGrain<IStudentCaseGrain>(caseId);

        // Take the activation (and its precise timer) away, as a restart would, then let the deadline pass.
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        fixture.Notifier.For(caseId).ShouldNotContain(n => n.Kind == AlertEventKind.Escalated);

        var sweep = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<OverdueDeadlineSweep>();
        var woken = await sweep.SweepAsync(CancellationToken.None);

        woken.ShouldBeGreaterThanOrEqualTo(1);
        var escalated = await fixture.Notifier.WaitForAsync(caseId, AlertEventKind.Escalated);
        escalated.NodeIds.ShouldContain(net.Grade);
    }
}
