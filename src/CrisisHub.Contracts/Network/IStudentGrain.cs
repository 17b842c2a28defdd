using CrisisHub.Contracts.Cases;
using Orleans.Concurrency;

namespace CrisisHub.Contracts.Network;

/// <summary>
/// One student, keyed by student id. It is the single door through which flags reach a case, which is
/// what guarantees one open case per student.
/// </summary>
public interface IStudentGrain : IGrainWithStringKey
{
    Task<StudentView> RegisterAsync(StudentRecord record);

    /// <summary>Read-only, so a case may read its student while the student waits on that case.</summary>
    [AlwaysInterleave]
    Task<StudentView?> GetAsync();

    /// <summary>Attaches the flag to the open case, or opens one.</summary>
    Task<FlagReceipt> SubmitFlagAsync(FlagSubmission flag);

    /// <summary>
    /// Called by the case grain when it closes, so the next flag opens a new case. It interleaves because
    /// the case may be closing while this student is waiting on the same case for a new flag.
    /// </summary>
    [AlwaysInterleave]
    Task ReleaseCaseAsync(string caseId);
}
