using CrisisHub.Contracts.Plans;

namespace CrisisHub.Grains.Plans;

[GenerateSerializer, Alias("CrisisHub.SchoolPlansState")]
public sealed class SchoolPlansState
{
    /// <summary>One summary per student with a plan (student id → summary): no content, a few dozen bytes each.</summary>
    [Id(0)] public Dictionary<string, PlanSummary> Plans { get; set; } = [];
}

/// <summary>
/// The plans of one school's students, without their content: what the attention ledger, the monthly report and an owner's
/// inbox read. A plan is saved a few times a month, so the index is one small state written per save; a summary it
/// already holds (a plan's activation re-sending it) writes nothing.
/// </summary>
public sealed class SchoolPlansGrain(
    [PersistentState("plans", StorageNames.Cases)] IPersistentState<SchoolPlansState> state) : Grain, ISchoolPlansGrain
{
    public async Task UpdateAsync(PlanSummary summary)
    {
        if (state.State.Plans.TryGetValue(summary.StudentId, out var held) && held == summary) return;
        state.State.Plans[summary.StudentId] = summary;
        await state.WriteStateAsync();
    }

    public Task<PlanSummary[]> ListAsync() =>
        Task.FromResult<PlanSummary[]>([.. state.State.Plans.Values.OrderBy(p => p.StudentId, StringComparer.Ordinal)]);
}
