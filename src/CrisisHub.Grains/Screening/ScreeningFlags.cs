using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Grains.Screening;

/// <summary>
/// The flag a screening result raises: Severe and General outcomes raise a flag of that grade with source "screening";
/// Watch enters the ledger only. The flag says no more than that — no item, no score, no note — so its notifications and
/// the head teacher's view carry "screening follow-up needed" and the grade, nothing else.
/// </summary>
public static class ScreeningFlags
{
    public static FlagSubmission? For(ScreeningResult result, Actor importer, DateTimeOffset now) => result.Outcome switch
    {
        ScreeningOutcome.Severe => Flag(result, importer, now, ObservedSign.ScreeningSuicideItem, CrisisGrade.Severe),
        ScreeningOutcome.General => Flag(result, importer, now, ObservedSign.ScreeningPositive, CrisisGrade.General),
        _ => null,
    };

    /// <summary>
    /// The idempotency key is the result itself (student, instrument, day), not the file: any import holding the same
    /// result, however often, flags the student once. A person's key is "{account}/{key}" and no account name is empty, so none begins with "/".
    /// </summary>
    public static string SubmissionKey(ScreeningResult result) => $"/screening/{result.StudentId}/{result.InstrumentId}/{result.Date:yyyy-MM-dd}";

    public static string Fingerprint(ScreeningResult result) => $"{result.StudentId}|{result.InstrumentId}|{result.Date:yyyy-MM-dd}|{result.Outcome}";

    private static FlagSubmission Flag(ScreeningResult result, Actor importer, DateTimeOffset now, ObservedSign sign, CrisisGrade grade) =>
        // The submission grain names the flag after its key (FlagSubmissionGrain.FlagIdOf); the id given here is replaced.
        new("", result.StudentId, FlagSource.Screening, [sign], null, grade, importer, now);
}
