namespace CrisisHub.Contracts.Network;

/// <summary>A student of a school as a file from outside names them: by student number. No name: matching needs none.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.RosterNumber")]
public sealed record RosterNumber(string StudentNumber, string StudentId, string GradeId, string ClassId)
{
    /// <summary>What a lookup answers for a number that several students of the school carry.</summary>
    public static readonly RosterNumber Ambiguous = new("", "", "", "");
}

/// <summary>
/// A school's students by number, keyed by school id: what a screening import matches its rows against. Kept in memory
/// (nothing stored): each call reads the school's classes for who is in them and fetches only the students it has not
/// seen, or that changed since (a student's registration tells the roster).
/// </summary>
public interface ISchoolRosterGrain : IGrainWithStringKey
{
    Task<RosterNumber[]> ListAsync();

    /// <summary>The student's record changed (number, class): fetch them again next time. Never waits behind a listing.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task ForgetAsync(string studentId);
}
