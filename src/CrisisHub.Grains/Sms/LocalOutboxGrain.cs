using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Sms;

[GenerateSerializer, Alias("CrisisHub.LocalOutboxState")]
public sealed class LocalOutboxState
{
    [Id(0)] public List<LocalText> Texts { get; set; } = [];
}

public sealed class LocalOutboxGrain(
    [PersistentState("outbox", StorageNames.Sms)] IPersistentState<LocalOutboxState> state) : Grain, ILocalOutboxGrain
{
    private const int Kept = 500;

    public async Task RecordAsync(LocalText text)
    {
        if (state.State.Texts.Any(t => t.Sid == text.Sid)) return;
        state.State.Texts.Add(text);
        if (state.State.Texts.Count > Kept) state.State.Texts.RemoveRange(0, state.State.Texts.Count - Kept);
        await state.WriteStateAsync();
    }

    public Task<LocalText[]> ListAsync() => Task.FromResult(Enumerable.Reverse(state.State.Texts).ToArray());
}
