using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Screening;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Ledger;

/// <summary>
/// Puts screening results and plans in place through the real grains, as an import and the plan page would (the import's
/// file and the plan form are tested on their own): a student's chain and the school's index, a plan version and the
/// school's plan index.
/// </summary>
public sealed class ScreeningsAndPlansSeed(CrisisHubFactory factory)
{
    private static readonly Actor Importer = new(TestSeed.Psychologist, "Psychology centre", ResponderRole.SchoolPsychologist);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    public async Task ScreenAsync(ScreeningResult result)
    {
        await Grains.GetGrain<IStudentScreeningsGrain>(result.StudentId).RecordAsync([result], Importer);
        await Grains.GetGrain<ISchoolScreeningsGrain>(result.SchoolId).AddAsync(
            [new ScreenedStudent(result.StudentId, result.GradeId, result.InstrumentId, result.Date, result.Total, result.Outcome)]);
    }

    /// <summary>A new version of the student's plan at <paramref name="level"/>, owned by <paramref name="owner"/>.</summary>
    public async Task PlanAsync(string studentId, int level, string owner, DateOnly nextReview)
    {
        var plan = Grains.GetGrain<IStudentPlanGrain>(studentId);
        var current = await plan.GetAsync();
        var draft = new PlanDraft(level, "", "", new SafetyPlan("", "", "", "", "", ""), [], "", nextReview, owner);
        await plan.SaveAsync(draft, Importer, current?.Current.Version ?? 0, null);
    }
}
