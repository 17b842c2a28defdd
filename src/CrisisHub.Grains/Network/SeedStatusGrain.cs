using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

[GenerateSerializer, Alias("CrisisHub.SeedStatusState")]
public sealed class SeedStatusState
{
    [Id(0)] public bool Applied { get; set; }
}

public sealed class SeedStatusGrain(
    [PersistentState("seed", StorageNames.Network)] IPersistentState<SeedStatusState> state) : Grain, ISeedStatusGrain
{
    public Task<bool> IsAppliedAsync() => Task.FromResult(state.State.Applied);

    public async Task MarkAppliedAsync()
    {
        state.State.Applied = true;
        await state.WriteStateAsync();
    }
}
