using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Wallboard;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Wallboard;

/// <summary>
/// At start, asks every case still on a board to put its latest picture there again. A case writes its boards just
/// after its push; a crash in between would leave, say, a closed case on the wallboards, and a closed case has no
/// deadline that would ever activate it to repair that. Repairing is idempotent, so every silo may do it.
/// </summary>
public sealed partial class BoardRepairSweep(IAlertBoard board, IGrainFactory grains, ILogger<BoardRepairSweep> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Parallelism = 8;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweep;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BoardRepairSweep), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        // Startup must not wait on thousands of activations; the sweep runs beside it.
        _sweep = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await (_sweep ?? Task.CompletedTask).WaitAsync(cancellationToken);
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var caseIds = await board.CaseIdsAsync();
            await Parallel.ForEachAsync(caseIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (caseId, _) => await grains.GetGrain<IStudentCaseGrain>(caseId).RepairBoardsAsync());
            LogSwept(caseIds.Count);
            return caseIds.Count;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The boards repair themselves as cases change or activate; this only catches the ones that never will.
            LogSweepFailed(exception);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked {Count} cases on the boards to repair them")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The board repair sweep failed; boards repair as cases change or activate")]
    private partial void LogSweepFailed(Exception exception);
}
