using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Grains.Wallboard;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Tests;

/// <summary>A board entry a crash left behind (the push went out, the board delta did not) is repaired at start.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BoardRepairTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AClosedCaseLeftOnTheBoardsIsTakenOffByTheStartUpSweep()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var opened = await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(ObservedSign.SelfHarm));
        var wall = BoardScope.Wall(net.School);
        var onBoard = (await fixture.Board.ReadAsync([wall], 0, 1000)).Alerts.Single(a => a.CaseId == opened.CaseId);
        await _grains.GetGrain<IStudentCaseGrain>(opened.CaseId).CloseAsync(TestNetwork.HeadTeacher, "talked with the student and guardian");
        await fixture.PlantOnBoardsAsync(onBoard, [wall, BoardScope.Inbox(net.Class)]);
        (await fixture.Board.ReadAsync([wall], 0, 1000)).Alerts.ShouldContain(a => a.CaseId == opened.CaseId, "the stale entry is planted");

        var swept = await fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<BoardRepairSweep>().SweepAsync(CancellationToken.None);

        swept.ShouldBeGreaterThanOrEqualTo(1);
        (await fixture.Board.ReadAsync([wall, BoardScope.Inbox(net.Class)], 0, 1000)).Alerts.ShouldNotContain(a => a.CaseId == opened.CaseId);
    }
}
