using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Screening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Screening;

/// <summary>
/// Runs one file's import: records each result in its student's chain, flags the results whose rule calls for it, then
/// adds them all to the school's index. Every step is idempotent (a result already held is not recorded again, a flag is
/// submitted under a key made of the result itself), so a run cut short is resumed by confirming the same file again and
/// a second file holding the same results flags no one twice. The work runs after <see cref="StartAsync"/> answers, in
/// the activation's own turns, so <see cref="GetAsync"/> can report progress meanwhile.
/// </summary>
public sealed partial class ScreeningImportGrain(
    [PersistentState("import", StorageNames.Screening)] IPersistentState<ScreeningImportState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<ScreeningImportGrain> logger) : Grain, IScreeningImportGrain
{
    /// <summary>Results in flight at once: enough to keep the storage writer's batches full, few enough not to flood the silo.</summary>
    private const int Parallelism = 64;
    /// <summary>The school's index takes the results in slices, so no single message carries a whole district's term.</summary>
    private const int IndexSlice = 5_000;

    private ScreeningImportState S => state.State;
    private bool _running;
    private int _done;
    private string? _problem;

    public async Task<ScreeningImportView> StartAsync(ScreeningImportBatch batch)
    {
        if (S.Status == ScreeningImportStatus.Completed || _running) return View();
        S.Status = ScreeningImportStatus.Running;
        S.SchoolId = batch.SchoolId;
        S.Total = batch.Results.Length;
        S.SkippedRows = batch.SkippedRows;
        S.StartedBy ??= batch.Importer.ActorId;
        S.StartedAt ??= time.GetUtcNow();
        await state.WriteStateAsync();

        _running = true;
        _done = 0;
        _problem = null;
        // The import outlives the request that started it; keep the activation (and its rows) until it is done.
        DelayDeactivation(TimeSpan.FromMinutes(30));
        _ = RunAsync(batch);
        return View();
    }

    public Task<ScreeningImportView> GetAsync() => Task.FromResult(View());

    private async Task RunAsync(ScreeningImportBatch batch)
    {
        int recorded = 0, already = 0, flagged = 0;
        try
        {
            foreach (var chunk in batch.Results.Chunk(Parallelism))
            {
                var outcomes = await Task.WhenAll(chunk.Select(r => RecordAsync(r, batch)));
                recorded += outcomes.Count(o => o.Status == ScreeningRecordStatus.Recorded);
                already += outcomes.Count(o => o.Status == ScreeningRecordStatus.AlreadyRecorded);
                flagged += outcomes.Count(o => o.Flagged);
                _done += chunk.Length;
            }

            var index = GrainFactory.GetGrain<ISchoolScreeningsGrain>(batch.SchoolId);
            foreach (var slice in batch.Results.Chunk(IndexSlice))
                await index.AddAsync([.. slice.Select(r => new ScreenedStudent(r.StudentId, r.GradeId, r.InstrumentId, r.Date, r.Total, r.Outcome))]);

            S.Recorded = recorded;
            S.AlreadyRecorded = already;
            S.Flagged = flagged;
            S.Watch = batch.Results.Count(r => r.Outcome == ScreeningOutcome.Watch);
            S.Status = ScreeningImportStatus.Completed;
            S.CompletedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            LogImported(logger, this.GetPrimaryKeyString(), recorded, already, flagged, S.SkippedRows);
        }
        catch (Exception e)
        {
            _problem = "The import stopped before it finished; confirm the same file again to resume it (nothing is recorded twice).";
            LogImportStopped(logger, e, this.GetPrimaryKeyString(), _done, S.Total);
        }
        finally
        {
            _running = false;
        }
    }

    private async Task<(ScreeningRecordStatus Status, bool Flagged)> RecordAsync(ScreeningResult result, ScreeningImportBatch batch)
    {
        var status = await GrainFactory.GetGrain<IStudentScreeningsGrain>(result.StudentId).RecordAsync(result, batch.Importer);
        if (ScreeningFlags.For(result, batch.Importer, time.GetUtcNow()) is not { } flag) return (status, false);
        var submitted = await GrainFactory.GetGrain<IFlagSubmissionGrain>(ScreeningFlags.SubmissionKey(result))
            .SubmitAsync(flag, ScreeningFlags.Fingerprint(result));
        return (status, submitted.Receipt is not null && !submitted.Replayed);
    }

    private ScreeningImportView View() => new(this.GetPrimaryKeyString(), S.SchoolId, S.Status, S.Total,
        S.Status == ScreeningImportStatus.Completed ? S.Total : _done, S.Recorded, S.AlreadyRecorded, S.Flagged, S.Watch, S.SkippedRows,
        S.StartedBy, S.StartedAt, S.CompletedAt, S.Status == ScreeningImportStatus.Running && !_running
            ? _problem ?? "The import was interrupted (the server restarted); confirm the same file again to resume it."
            : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Screening import {ImportId}: {Recorded} recorded, {Already} already held, {Flagged} flagged, {Skipped} rows skipped")]
    private static partial void LogImported(ILogger logger, string importId, int recorded, int already, int flagged, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Screening import {ImportId} stopped after {Done} of {Total} results")]
    private static partial void LogImportStopped(ILogger logger, Exception exception, string importId, int done, int total);
}

[GenerateSerializer, Alias("CrisisHub.ScreeningImportState")]
public sealed class ScreeningImportState
{
    [Id(0)] public ScreeningImportStatus Status { get; set; }
    [Id(1)] public string SchoolId { get; set; } = "";
    [Id(2)] public int Total { get; set; }
    [Id(3)] public int Recorded { get; set; }
    [Id(4)] public int AlreadyRecorded { get; set; }
    [Id(5)] public int Flagged { get; set; }
    [Id(6)] public int Watch { get; set; }
    [Id(7)] public int SkippedRows { get; set; }
    [Id(8)] public string? StartedBy { get; set; }
    [Id(9)] public DateTimeOffset? StartedAt { get; set; }
    [Id(10)] public DateTimeOffset? CompletedAt { get; set; }
}
