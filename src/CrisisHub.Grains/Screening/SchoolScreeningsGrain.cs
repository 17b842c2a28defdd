using CrisisHub.Contracts.Screening;

namespace CrisisHub.Grains.Screening;

/// <summary>
/// A school's screened students, latest result per student and instrument, without items: what the ledger, the report's
/// coverage and the district's figures read without waking every student. An import adds its results in one call, so the
/// state is written once per import, not once per row.
/// </summary>
public sealed class SchoolScreeningsGrain(
    [PersistentState("screened", StorageNames.Screening)] IPersistentState<SchoolScreeningsState> state) : Grain, ISchoolScreeningsGrain
{
    public async Task AddAsync(ScreenedStudent[] results)
    {
        var changed = false;
        foreach (var result in results)
        {
            var key = Key(result.StudentId, result.InstrumentId);
            if (state.State.Latest.TryGetValue(key, out var held) && held.Date >= result.Date) continue;
            state.State.Latest[key] = result;
            changed = true;
        }

        if (changed) await state.WriteStateAsync();
    }

    public Task<ScreenedStudent[]> ListAsync(DateOnly from, DateOnly to) =>
        Task.FromResult(state.State.Latest.Values.Where(r => r.Date >= from && r.Date <= to)
            .OrderBy(r => r.StudentId, StringComparer.Ordinal).ThenBy(r => r.InstrumentId, StringComparer.Ordinal).ToArray());

    public async Task ForgetAsync(ScreenedStudent[] results)
    {
        var changed = false;
        foreach (var result in results)
        {
            var key = Key(result.StudentId, result.InstrumentId);
            if (state.State.Latest.TryGetValue(key, out var held) && held.Date == result.Date) changed |= state.State.Latest.Remove(key);
        }

        if (changed) await state.WriteStateAsync();
    }

    private static string Key(string studentId, string instrumentId) => $"{studentId}|{instrumentId}";
}

[GenerateSerializer, Alias("CrisisHub.SchoolScreeningsState")]
public sealed class SchoolScreeningsState
{
    [Id(0)] public Dictionary<string, ScreenedStudent> Latest { get; set; } = [];
}
