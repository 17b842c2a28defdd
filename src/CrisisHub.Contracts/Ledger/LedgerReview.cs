namespace CrisisHub.Contracts.Ledger;

/// <summary>What a monthly review decided for a student of the attention ledger. Stored: never rename, only add.</summary>
public enum LedgerMovement
{
    Unchanged = 0,
    Raised = 1,
    Lowered = 2,
}

/// <summary>
/// One student's review at a school's monthly meeting (心理健康工作领导小组): the level before and after (1 = in crisis or
/// referred … 4 = watch; 0 = off the ledger) and a note. Appended, never rewritten; names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.LedgerReview")]
public sealed record LedgerReview(string StudentId, string GradeId, string Month, int FromLevel, int ToLevel, LedgerMovement Movement,
    string? Note, string ReviewedBy, DateTimeOffset ReviewedAt);

/// <summary>A school's attention ledger reviews, keyed by school id.</summary>
public interface ISchoolLedgerGrain : IGrainWithStringKey
{
    Task<LedgerReview> RecordReviewAsync(LedgerReview review);

    /// <summary>The reviews recorded for a month ("yyyy-MM"), in the order they were made.</summary>
    Task<LedgerReview[]> ReviewsAsync(string month);

    /// <summary>Each reviewed student's most recent review (of any month): the ledger's "last review" column.</summary>
    Task<LedgerReview[]> LatestPerStudentAsync();

    /// <summary>Every review of one student at this school, oldest first: their share of the meetings, for a subject export.</summary>
    Task<LedgerReview[]> ReviewsOfAsync(string studentId);
}
