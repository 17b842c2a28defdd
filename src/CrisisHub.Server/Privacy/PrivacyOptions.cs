using CrisisHub.Privacy;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// The "Privacy" configuration section: where the keys that encrypt stored data come from. Either the keys themselves
/// (<see cref="StorageKeys"/>, e.g. environment variables from a secret store) or a key file; in embedded mode with
/// neither, the server makes a key file in the data folder on its first start.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Every key stored data may be sealed with: the current one and the older ones still needed to read.</summary>
    public List<StorageKeyOptions> StorageKeys { get; set; } = [];

    /// <summary>The id of the key new writes are sealed with; may be left out when only one key is listed.</summary>
    public string? CurrentStorageKey { get; set; }

    /// <summary>A key file (the format of StorageKeyFile) instead of <see cref="StorageKeys"/>.</summary>
    public string? StorageKeyFile { get; set; }

    /// <summary>
    /// The listed keys, without entries that have neither id nor key: placeholders a deployment file leaves empty (compose's
    /// slot for the previous key outside a rotation).
    /// </summary>
    private List<StorageKeyOptions> ListedKeys => [.. StorageKeys.Where(k => !string.IsNullOrWhiteSpace(k.Id) || !string.IsNullOrWhiteSpace(k.Key))];

    public bool HasKeys => ListedKeys.Count > 0;
    private bool HasFile => !string.IsNullOrWhiteSpace(StorageKeyFile);

    /// <summary>
    /// Why this configuration gives no key ring, or null. A cluster must be given its keys: every node has to read what any
    /// node sealed (grain state, the audit log, data-protection keys in the shared Redis), so a key one node made up for
    /// itself would make the others' reads fail.
    /// </summary>
    public string? Problem(bool clusterMode)
    {
        if (HasKeys && HasFile) return $"{Section}:StorageKeys and {Section}:StorageKeyFile are both set: give the storage keys one way.";
        if (!HasKeys && CurrentStorageKey is not null)
            return $"{Section}:CurrentStorageKey names one of {Section}:StorageKeys, and none is listed (a key file names its current key itself).";
        if (HasKeys)
        {
            if (ListedKeys.Count > 1 && string.IsNullOrWhiteSpace(CurrentStorageKey))
                return $"{Section}:CurrentStorageKey is required when {Section}:StorageKeys lists more than one key: it says which one new writes use.";
            try
            {
                ConfiguredRing();
            }
            catch (ArgumentException exception)
            {
                return $"{Section}:StorageKeys: {exception.Message}";
            }
        }

        if (clusterMode && !HasKeys && !HasFile)
            return $"{Section}:StorageKeys (or {Section}:StorageKeyFile) is required in cluster mode: every node must read what any node encrypted, " +
                "so the nodes cannot each make up a key. Give every node the same keys, e.g. Privacy__StorageKeys__0__Id=k1 and " +
                "Privacy__StorageKeys__0__Key=<openssl rand -base64 32>; see runbooks/key-rotation.md.";
        return null;
    }

    /// <summary>The ring <see cref="StorageKeys"/> describe (only when they are set and <see cref="Problem"/> found nothing).</summary>
    public StorageKeyRing ConfiguredRing()
    {
        var keys = ListedKeys.Select(k => StorageKey.FromBase64(k.Id, k.Key)).ToList();
        return new StorageKeyRing(keys, string.IsNullOrWhiteSpace(CurrentStorageKey) ? keys[0].Id : CurrentStorageKey);
    }
}

/// <summary>One storage key in configuration: <c>Privacy:StorageKeys:0:Id</c> and <c>Privacy:StorageKeys:0:Key</c> (base64 of 32 bytes).</summary>
public sealed class StorageKeyOptions
{
    public string Id { get; set; } = "";
    public string Key { get; set; } = "";
}
