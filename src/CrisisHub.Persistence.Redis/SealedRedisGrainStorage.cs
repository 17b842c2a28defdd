using CrisisHub.Privacy;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace CrisisHub.Persistence.Redis;

/// <summary>
/// Orleans' Redis grain storage, with each state sealed where it is stored. The provider hands its serializer the state
/// alone, not the grain it belongs to; this decorator sets, for the call it wraps, which state of which grain is being
/// read or written, and <see cref="SealingGrainStorageSerializer"/> seals with that as the associated data, so a state
/// copied to another grain's key does not open there. (An AsyncLocal flows into the provider's awaited work and is gone
/// when the call returns.)
/// </summary>
internal sealed class SealedRedisGrainStorage(string storageName, IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly AsyncLocal<string?> Location = new();

    /// <summary>The storage context of the state this call path reads or writes.</summary>
    public static string CurrentContext => Location.Value
        ?? throw new InvalidOperationException("Grain state is sealed only inside SealedRedisGrainStorage's calls: the serializer was used by something else.");

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Location.Value = StorageContexts.GrainState(storageName, stateName, grainId.ToString());
        await inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Location.Value = StorageContexts.GrainState(storageName, stateName, grainId.ToString());
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>The provider connects to Redis in the silo's lifecycle: Orleans asks the registered provider (this one) to take part.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
