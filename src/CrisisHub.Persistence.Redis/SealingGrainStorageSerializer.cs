using CrisisHub.Privacy;
using Orleans.Storage;

namespace CrisisHub.Persistence.Redis;

/// <summary>
/// Wraps the serializer Orleans' Redis storage would use: what it makes is sealed with the storage key ring before it is
/// stored, and opened before it is parsed. A state stored before encryption existed has no envelope and is parsed as it
/// is; its next write seals it.
/// </summary>
internal sealed class SealingGrainStorageSerializer(IGrainStorageSerializer inner, StorageKeyRing keys) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(keys.Seal(inner.Serialize(input).ToMemory().Span, SealedRedisGrainStorage.CurrentContext));

    public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(new BinaryData(keys.Open(input.ToMemory().Span, SealedRedisGrainStorage.CurrentContext)));
}
