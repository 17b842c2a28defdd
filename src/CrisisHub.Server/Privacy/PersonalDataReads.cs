using CrisisHub.Contracts.Audit;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// Records a person's read of students' data before the data is answered: a read that cannot be recorded is not
/// served (the caller gets an error, not unrecorded data). One small record per student read, in that student's log.
/// </summary>
public static class PersonalDataReads
{
    public static Task RecordAsync(IGrainFactory grains, CurrentUser reader, PersonalDataReadKind kind, string target, string studentId) =>
        grains.GetGrain<IPersonalDataReadsGrain>(studentId).RecordAsync(new PersonalDataRead(reader.Actor, kind, target));

    /// <summary>A list read: one record in each listed student's log, all written before the list is answered.</summary>
    public static Task RecordAsync(IGrainFactory grains, CurrentUser reader, PersonalDataReadKind kind, string target, IEnumerable<string> studentIds) =>
        Task.WhenAll(studentIds.Distinct().Select(id => RecordAsync(grains, reader, kind, target, id)));
}
