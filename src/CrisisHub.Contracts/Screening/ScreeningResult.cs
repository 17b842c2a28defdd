using CrisisHub.Contracts.Audit;

namespace CrisisHub.Contracts.Screening;

/// <summary>
/// One student's result on one instrument on one day, as an import recorded it. Stored as JSON in the student's screening
/// chain (<see cref="IStudentScreeningsGrain"/>): its names are a contract. The items are the most sensitive thing
/// CrisisHub holds: only the psychology centre's views carry them.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ScreeningResult")]
public sealed record ScreeningResult(
    string StudentId,
    string SchoolId,
    string GradeId,
    string InstrumentId,
    DateOnly Date,
    int[] Items,
    int Total,
    ScreeningOutcome Outcome,
    string? Rule,
    string ImportId,
    int Row);

/// <summary>A result as read back from the chain: what was recorded, when and by whom.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.RecordedScreening")]
public sealed record RecordedScreening(long Sequence, DateTimeOffset RecordedAt, string RecordedBy, ScreeningResult Result);

/// <summary>
/// What recording a result did: stored; already held (the same instrument, day and answers: a re-import); or not stored
/// because a different result of that instrument and day is held (a corrected file: the record is never rewritten).
/// </summary>
public enum ScreeningRecordStatus
{
    Recorded = 0,
    AlreadyRecorded = 1,
    DiffersFromHeld = 2,
}

/// <summary>
/// A student's screening results, keyed by student id: appended, one record per result, to the chain
/// "screening:{studentId}" of the audit log, so a result is never rewritten and a removed one is detected.
/// </summary>
public interface IStudentScreeningsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the student's results of one import (one append for all of them), each unless one for the same instrument and
    /// day is held (the same answers, or different ones); says which, in order.
    /// </summary>
    Task<ScreeningRecordStatus[]> RecordAsync(ScreeningResult[] results, Actor importer);

    /// <summary>Every result, oldest first.</summary>
    Task<RecordedScreening[]> ListAsync();

    /// <summary>
    /// Retention: blanks the results recorded before <paramref name="recordedBefore"/> in the chain (its records and hashes
    /// stay, so it still verifies), forgets them, and takes them out of their schools' indexes; returns the results
    /// forgotten now (a repeat forgets none).
    /// </summary>
    Task<ScreeningResult[]> ForgetRecordedBeforeAsync(DateTimeOffset recordedBefore);
}

/// <summary>
/// A school's screened students: for each, their latest result per instrument, without items (the outcome and total are
/// enough for the ledger, the report's coverage and the district's figures). Written once per import, not per row.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ScreenedStudent")]
public sealed record ScreenedStudent(string StudentId, string GradeId, string InstrumentId, DateOnly Date, int Total, ScreeningOutcome Outcome);

/// <summary>The screening index of one school, keyed by school id.</summary>
public interface ISchoolScreeningsGrain : IGrainWithStringKey
{
    /// <summary>Takes in an import's recorded results; an older result never replaces a newer one of the same instrument.</summary>
    Task AddAsync(ScreenedStudent[] results);

    /// <summary>The latest result of each student per instrument, screened on a day in [from, to].</summary>
    Task<ScreenedStudent[]> ListAsync(DateOnly from, DateOnly to);

    /// <summary>Retention: drops these results (student, instrument, day) from the index where it holds them.</summary>
    Task ForgetAsync(ScreenedStudent[] results);
}
