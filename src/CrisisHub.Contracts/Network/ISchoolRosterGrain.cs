namespace CrisisHub.Contracts.Network;

/// <summary>A student of a school as a file from outside names them: by student number. No name: matching needs none.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.RosterNumber")]
public sealed record RosterNumber(string StudentNumber, string StudentId, string GradeId, string ClassId);

/// <summary>
/// A school's students by number, keyed by school id: what a screening import matches its rows against. Built from the
/// school's classes in memory (nothing stored) and rebuilt when older than a minute, so a student registered since is
/// found by the next preview.
/// </summary>
public interface ISchoolRosterGrain : IGrainWithStringKey
{
    Task<RosterNumber[]> ListAsync();
}
