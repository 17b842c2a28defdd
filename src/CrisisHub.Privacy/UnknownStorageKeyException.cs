namespace CrisisHub.Privacy;

/// <summary>
/// Stored data names a key the ring does not hold: the key was removed (or never given to this node). Reading on with
/// another key would only yield garbage, so the read fails and says which key is missing.
/// </summary>
public sealed class UnknownStorageKeyException(string keyId, IEnumerable<string> known)
    : Exception($"Stored data was encrypted with storage key '{keyId}', which is not in this node's key ring (it holds: {string.Join(", ", known)}). " +
        "Add the key back to Privacy:StorageKeys or the key file; see runbooks/key-rotation.md.")
{
    public string KeyId { get; } = keyId;
}
