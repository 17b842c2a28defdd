using System.Collections.Concurrent;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrisisHub.Server.Tests.Ledger;

/// <summary>
/// Screening results and plans the tests put in place of the grains that hold them (built on other branches beside the
/// ledger). Answers as those grains promise: the school index without items, the latest result per instrument in range.
/// </summary>
public sealed class InMemoryScreeningsAndPlans : IScreeningsAndPlans
{
    private readonly ConcurrentQueue<ScreeningResult> _results = new();
    private readonly ConcurrentDictionary<string, List<PlanVersion>> _plans = new();
    private readonly ConcurrentDictionary<string, PlanSummary> _summaries = new();

    public void Screen(ScreeningResult result) => _results.Enqueue(result);

    public void Plan(string schoolId, string studentId, string gradeId, int level, string owner, DateOnly nextReview, DateTimeOffset savedAt)
    {
        var versions = _plans.GetOrAdd(studentId, _ => []);
        lock (versions)
        {
            var draft = new PlanDraft(level, "", "", new Contracts.Referrals.SafetyPlan("", "", "", "", "", ""), [], "", nextReview, owner);
            versions.Add(new PlanVersion(versions.Count + 1, draft, owner, savedAt, null));
        }

        _summaries[$"{schoolId}/{studentId}"] = new PlanSummary(studentId, gradeId, level, owner, nextReview, false);
    }

    public Task<ScreenedStudent[]> SchoolScreeningsAsync(string schoolId, DateOnly from, DateOnly to) =>
        Task.FromResult<ScreenedStudent[]>([.. _results.Where(r => r.SchoolId == schoolId && r.Date >= from && r.Date <= to)
            .GroupBy(r => (r.StudentId, r.InstrumentId)).Select(g => g.MaxBy(r => r.Date)!)
            .Select(r => new ScreenedStudent(r.StudentId, r.GradeId, r.InstrumentId, r.Date, r.Total, r.Outcome))]);

    public Task<PlanSummary[]> SchoolPlansAsync(string schoolId) =>
        Task.FromResult<PlanSummary[]>([.. _summaries.Where(p => p.Key.StartsWith(schoolId + "/", StringComparison.Ordinal)).Select(p => p.Value)]);

    public Task<RecordedScreening[]> StudentScreeningsAsync(string studentId) =>
        Task.FromResult<RecordedScreening[]>([.. _results.Where(r => r.StudentId == studentId).OrderBy(r => r.Date)
            .Select((r, i) => new RecordedScreening(i + 1, new DateTimeOffset(r.Date, TimeOnly.MinValue, TimeSpan.Zero), "importer", r))]);

    public Task<PlanVersion[]> StudentPlanVersionsAsync(string studentId) =>
        Task.FromResult<PlanVersion[]>(_plans.TryGetValue(studentId, out var versions) ? [.. versions] : []);

    /// <summary>Registers <paramref name="source"/> in place of the grains' door.</summary>
    public static Action<IServiceCollection> Replacing(InMemoryScreeningsAndPlans source) =>
        services => services.Replace(ServiceDescriptor.Singleton<IScreeningsAndPlans>(source));
}
