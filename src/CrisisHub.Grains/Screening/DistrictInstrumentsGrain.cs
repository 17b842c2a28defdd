using CrisisHub.Contracts;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Grains.Screening;

/// <summary>
/// A district's screening instruments: the shipped ones unless it replaced them, and its own. Its administrators' endpoint
/// records every change in the district's admin audit chain, before and after, so thresholds never move unseen.
/// </summary>
public sealed class DistrictInstrumentsGrain(
    [PersistentState("instruments", StorageNames.Screening)] IPersistentState<DistrictInstrumentsState> state) : Grain, IDistrictInstrumentsGrain
{
    public Task<InstrumentDefinition[]> ListAsync() => Task.FromResult(Merged());

    public async Task<InstrumentDefinition> SaveAsync(InstrumentDefinition definition)
    {
        var problems = definition.Problems();
        if (problems.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The instrument definition is not valid.", problems);
        state.State.Instruments[definition.InstrumentId] = definition;
        await state.WriteStateAsync();
        return definition;
    }

    private InstrumentDefinition[] Merged() =>
        [.. InstrumentCatalog.Defaults.Where(d => !state.State.Instruments.ContainsKey(d.InstrumentId))
            .Concat(state.State.Instruments.Values).OrderBy(i => i.Name, StringComparer.Ordinal)];
}

[GenerateSerializer, Alias("CrisisHub.DistrictInstrumentsState")]
public sealed class DistrictInstrumentsState
{
    [Id(0)] public Dictionary<string, InstrumentDefinition> Instruments { get; set; } = [];
}
