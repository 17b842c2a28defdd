using CrisisHub.Contracts.Audit;

namespace CrisisHub.Contracts.Screening;

/// <summary>Where an import stands. Stored: never rename, only add.</summary>
public enum ScreeningImportStatus
{
    NotStarted = 0,
    Running = 1,
    Completed = 2,
}

/// <summary>
/// What a confirmed import records: the importable rows of one file (already matched and scored by the preview), for one
/// school. <see cref="SkippedRows"/> are the rows the preview refused, counted so the import's summary says so.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ScreeningImportBatch")]
public sealed record ScreeningImportBatch(string SchoolId, ScreeningResult[] Results, int SkippedRows, Actor Importer);

/// <summary>
/// An import's progress and, once done, its summary: how many results were new, already held, differing from a result held
/// for the same instrument and day (left as held, and not flagged), and flagged. A run cut short (the server stopped,
/// storage failed, some results could not be recorded: <see cref="Failed"/>) says why in <see cref="Problem"/>; confirming
/// the same file again resumes it.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ScreeningImportView")]
public sealed record ScreeningImportView(
    string ImportId,
    string SchoolId,
    ScreeningImportStatus Status,
    int Total,
    int Done,
    int Recorded,
    int AlreadyRecorded,
    int Flagged,
    int Watch,
    int SkippedRows,
    string? StartedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Problem,
    int DiffersFromHeld = 0,
    int Failed = 0);

/// <summary>
/// One file's import into one school, keyed "{schoolId}:{sha-256 of the file}": the same file imported again finds its
/// import done and changes nothing. The work runs in the grain after <see cref="StartAsync"/> returns; the page polls
/// <see cref="GetAsync"/> for its progress bar.
/// </summary>
public interface IScreeningImportGrain : IGrainWithStringKey
{
    /// <summary>Starts the import, or answers where it stands if it already ran or is running.</summary>
    Task<ScreeningImportView> StartAsync(ScreeningImportBatch batch);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<ScreeningImportView> GetAsync();
}
