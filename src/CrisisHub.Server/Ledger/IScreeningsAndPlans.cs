using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Server.Ledger;

/// <summary>
/// The one door through which the ledger and the archive read screening results and plans. Those grains were built
/// beside the ledger on other branches, so the ledger's HTTP tests feed these facts through this door instead; the
/// server always reads the grains (<see cref="GrainScreeningsAndPlans"/>).
/// </summary>
public interface IScreeningsAndPlans
{
    /// <summary>The school's screened students: each one's latest result per instrument screened in [from, to], without items.</summary>
    Task<ScreenedStudent[]> SchoolScreeningsAsync(string schoolId, DateOnly from, DateOnly to);

    /// <summary>The school's plans, without their content.</summary>
    Task<PlanSummary[]> SchoolPlansAsync(string schoolId);

    /// <summary>Every screening result of the student, oldest first, items included.</summary>
    Task<RecordedScreening[]> StudentScreeningsAsync(string studentId);

    /// <summary>Every version of the student's plan, oldest first.</summary>
    Task<PlanVersion[]> StudentPlanVersionsAsync(string studentId);
}

public sealed class GrainScreeningsAndPlans(IGrainFactory grains) : IScreeningsAndPlans
{
    public Task<ScreenedStudent[]> SchoolScreeningsAsync(string schoolId, DateOnly from, DateOnly to) =>
        grains.GetGrain<ISchoolScreeningsGrain>(schoolId).ListAsync(from, to);

    public Task<PlanSummary[]> SchoolPlansAsync(string schoolId) => grains.GetGrain<ISchoolPlansGrain>(schoolId).ListAsync();

    public Task<RecordedScreening[]> StudentScreeningsAsync(string studentId) => grains.GetGrain<IStudentScreeningsGrain>(studentId).ListAsync();

    public Task<PlanVersion[]> StudentPlanVersionsAsync(string studentId) => grains.GetGrain<IStudentPlanGrain>(studentId).VersionsAsync();
}
