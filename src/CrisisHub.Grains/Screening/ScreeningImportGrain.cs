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
    /// <summary>Students in flight at once: enough to keep the storage writer's batches full, few enough not to flood the silo.</summary>
    private const int Parallelism = 128;
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
        int recorded = 0, already = 0, differing = 0, flagged = 0, failed = 0;
        string? firstFailure = null;
        var held = new List<ScreeningResult>(batch.Results.Length);
        try
        {
            // One call per student (their results of this file in one append), a window of calls in flight: the storage
            // writer's commits stay full and no call waits for the slowest of a batch. A student whose results fail is
            // counted and the others go on; every call has ended before the run does.
            var inFlight = new List<Task<StudentOutcome>>(Parallelism);
            void Count(StudentOutcome outcome)
            {
                recorded += outcome.Recorded;
                already += outcome.AlreadyRecorded;
                differing += outcome.DiffersFromHeld;
                flagged += outcome.Flagged;
                failed += outcome.Failed;
                firstFailure ??= outcome.Failure;
                held.AddRange(outcome.Held);
                _done += outcome.Results;
            }

            foreach (var student in batch.Results.GroupBy(r => r.StudentId, StringComparer.Ordinal))
            {
                inFlight.Add(RecordAsync([.. student], batch.Importer));
                if (inFlight.Count < Parallelism) continue;
                var finished = await Task.WhenAny(inFlight);
                inFlight.Remove(finished);
                Count(await finished);
            }

            foreach (var outcome in await Task.WhenAll(inFlight)) Count(outcome);

            // The index takes what the chains hold: the results recorded now or held with the same answers, not one that
            // differs from a held result.
            var index = GrainFactory.GetGrain<ISchoolScreeningsGrain>(batch.SchoolId);
            foreach (var slice in held.Chunk(IndexSlice))
                await index.AddAsync([.. slice.Select(r => new ScreenedStudent(r.StudentId, r.GradeId, r.InstrumentId, r.Date, r.Total, r.Outcome))]);

            S.Recorded = recorded;
            S.AlreadyRecorded = already;
            S.DiffersFromHeld = differing;
            S.Failed = failed;
            S.Flagged = flagged;
            S.Watch = held.Count(r => r.Outcome == ScreeningOutcome.Watch);
            if (failed == 0)
            {
                S.Status = ScreeningImportStatus.Completed;
                S.CompletedAt = time.GetUtcNow();
            }
            else
            {
                _problem = $"{failed} results could not be recorded ({firstFailure}); confirm the same file again to retry them (nothing is recorded twice).";
            }

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

    private sealed record StudentOutcome(int Results, ScreeningResult[] Held, int Recorded, int AlreadyRecorded, int DiffersFromHeld, int Flagged,
        int Failed = 0, string? Failure = null);

    /// <summary>
    /// Records a student's results, then flags the most serious of each day whose held result calls for it: a result
    /// recorded now, or held with the same answers. One that differs from what is held raises nothing — the chain, the ledger and the archive say what
    /// is held, and an alert must say the same.
    /// </summary>
    private async Task<StudentOutcome> RecordAsync(ScreeningResult[] results, Contracts.Audit.Actor importer)
    {
        try
        {
            var statuses = await GrainFactory.GetGrain<IStudentScreeningsGrain>(results[0].StudentId).RecordAsync(results, importer);
            var flagged = 0;
            // One flag per student and day, from their most serious result: PHQ-9 Severe and GAD-7 General on the same day
            // are one concern, not a General alert followed by a raise to Severe and a second wave of texts.
            var mostSerious = results.Where((_, i) => statuses[i] != ScreeningRecordStatus.DiffersFromHeld)
                .GroupBy(r => r.Date).Select(day => day.MaxBy(r => r.Outcome)!);
            foreach (var result in mostSerious)
            {
                if (ScreeningFlags.For(result, importer, time.GetUtcNow()) is not { } flag) continue;
                var submitted = await GrainFactory.GetGrain<IFlagSubmissionGrain>(ScreeningFlags.SubmissionKey(result))
                    .SubmitAsync(flag, ScreeningFlags.Fingerprint(result));
                if (submitted.Receipt is not null && !submitted.Replayed) flagged++;
            }

            return new StudentOutcome(results.Length, [.. results.Where((_, i) => statuses[i] != ScreeningRecordStatus.DiffersFromHeld)],
                statuses.Count(s => s == ScreeningRecordStatus.Recorded),
                statuses.Count(s => s == ScreeningRecordStatus.AlreadyRecorded), statuses.Count(s => s == ScreeningRecordStatus.DiffersFromHeld), flagged);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reason, not the student: a log line and a problem text carry no one's id.
            return new StudentOutcome(results.Length, [], 0, 0, 0, 0, results.Length, e.GetType().Name);
        }
    }

    private ScreeningImportView View() => new(this.GetPrimaryKeyString(), S.SchoolId, S.Status, S.Total,
        S.Status == ScreeningImportStatus.Completed ? S.Total : _done, S.Recorded, S.AlreadyRecorded, S.Flagged, S.Watch, S.SkippedRows,
        S.StartedBy, S.StartedAt, S.CompletedAt, S.Status == ScreeningImportStatus.Running && !_running
            ? _problem ?? "The import was interrupted (the server restarted); confirm the same file again to resume it."
            : null, S.DiffersFromHeld, S.Failed);

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
    [Id(11)] public int DiffersFromHeld { get; set; }
    [Id(12)] public int Failed { get; set; }
}
