using CrisisHub.Contracts.Cases;
using Orleans.Concurrency;

namespace CrisisHub.Contracts.Network;

/// <summary>
/// One student, keyed by student id. It is the single door through which flags reach a case, which is
/// what guarantees one open case per student.
/// </summary>
public interface IStudentGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the student, defines their family node, and lists both at the class (and the student at their room).</summary>
    Task<StudentView> RegisterAsync(StudentRecord record);

    /// <summary>
    /// For bulk paths: <see cref="RegisterAsync"/> without the listing, which the caller does for a whole class at once: the
    /// students with <see cref="IWarningNodeGrain.AddStudentsAsync"/> at the class and room, the returned family nodes with
    /// <see cref="IWarningNodeGrain.AddChildrenAsync"/> at the class.
    /// </summary>
    Task<StudentRegistration> RegisterUnlistedAsync(StudentRecord record);

    /// <summary>Read-only, so a case may read its student while the student waits on that case.</summary>
    [AlwaysInterleave]
    Task<StudentView?> GetAsync();

    /// <summary>Every case opened for the student, oldest first.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> CaseIdsAsync();

    /// <summary>Attaches the flag to the open case, or opens one.</summary>
    Task<FlagReceipt> SubmitFlagAsync(FlagSubmission flag);

    /// <summary>
    /// Called by the case grain when it closes, so the next flag opens a new case. It interleaves because
    /// the case may be closing while this student is waiting on the same case for a new flag.
    /// </summary>
    [AlwaysInterleave]
    Task ReleaseCaseAsync(string caseId);
}

/// <summary>A registered student and their family node, still to be listed at the class.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.StudentRegistration")]
public sealed record StudentRegistration(StudentView Student, WarningNodeView Family);
