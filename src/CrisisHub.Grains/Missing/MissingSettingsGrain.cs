using CrisisHub.Contracts.Missing;

namespace CrisisHub.Grains.Missing;

[GenerateSerializer, Alias("CrisisHub.MissingSettingsState")]
public sealed class MissingSettingsState
{
    [Id(0)] public MissingGrades? Grades { get; set; }
}

/// <summary>A district's missing-student grades: the defaults until an administrator sets others (the server audits the change).</summary>
public sealed class MissingSettingsGrain(
    [PersistentState("missingsettings", StorageNames.AdminAudit)] IPersistentState<MissingSettingsState> state) : Grain, IMissingSettingsGrain
{
    public Task<MissingGrades> GetGradesAsync() => Task.FromResult(state.State.Grades ?? MissingGrades.Default);

    public async Task<MissingGrades> SetGradesAsync(MissingGrades grades)
    {
        grades.Validate();
        state.State.Grades = grades;
        await state.WriteStateAsync();
        return grades;
    }
}
