using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// A student as an administrator's class list shows them: enough to find and edit the record, not the guardians'
/// names and phones (those come with the single student's record, whose read is recorded).
/// </summary>
public sealed record RosterEntry(string StudentId, string Name, string StudentNumber, string ClassId, string? DormitoryId, int GuardianCount,
    bool HasOpenCase)
{
    public static RosterEntry Of(StudentView s) => new(s.Record.StudentId, s.Record.Name, s.Record.StudentNumber, s.Record.ClassId,
        s.Record.DormitoryId, s.Record.Guardians.Length, s.OpenCaseId is not null);
}
