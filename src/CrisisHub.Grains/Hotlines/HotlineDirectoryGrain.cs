using CrisisHub.Contracts.Hotlines;

namespace CrisisHub.Grains.Hotlines;

[GenerateSerializer, Alias("CrisisHub.HotlineDirectoryState")]
public sealed class HotlineDirectoryState
{
    /// <summary>Null until the district sets its own: the defaults are never stored, so a change to them reaches every such district.</summary>
    [Id(0)] public HotlineEntry[]? Entries { get; set; }
}

/// <summary>A district's hotlines: the defaults until an administrator sets others (the server audits the change). Calls no grain.</summary>
public sealed class HotlineDirectoryGrain(
    [PersistentState("hotlines", StorageNames.AdminAudit)] IPersistentState<HotlineDirectoryState> state) : Grain, IHotlineDirectoryGrain
{
    public Task<HotlineDirectory> GetAsync() => Task.FromResult(state.State.Entries is { } entries
        ? new HotlineDirectory(entries, IsDefault: false)
        : new HotlineDirectory(HotlineRules.Defaults, IsDefault: true));

    public async Task<HotlineDirectory> SetAsync(HotlineEntry[] entries)
    {
        var normalised = HotlineRules.Normalise(entries);
        state.State.Entries = normalised;
        await state.WriteStateAsync();
        return new HotlineDirectory(normalised, IsDefault: false);
    }
}
