using CrisisHub.Privacy;
using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Privacy;

/// <summary>The storage keys this node runs with, and where they came from (for the start-up log).</summary>
public sealed record LoadedStorageKeys(StorageKeyRing Ring, string Source, bool Created);

/// <summary>
/// Finds this node's storage keys: configuration, else the configured key file, else (embedded mode only) the data folder's
/// own key file <c>secrets/storage-keys.json</c>, made on the first start. The key file sits beside the database, not in
/// it, so a copy of the database alone (a backup, a file sent for support) reads as ciphertext; a copy of the whole data
/// folder carries its key, which is why the runbook says to keep backups of the two apart.
/// </summary>
public sealed class StorageKeyRingSource(PrivacyOptions privacy, bool clusterMode, string dataFolder, TimeProvider time)
{
    public string DefaultKeyFile => Path.Combine(dataFolder, "secrets", "storage-keys.json");

    /// <param name="databaseHoldsSealedData">
    /// Asked only before a key file is made: a database that holds sealed data lost its key file, and a new key could read
    /// none of it. Refusing to start says so; making a key would start a server whose every read of old data fails.
    /// </param>
    public LoadedStorageKeys Load(Func<bool> databaseHoldsSealedData)
    {
        if (privacy.Problem(clusterMode) is { } problem) throw new StartupFailure(StartupFailure.InvalidConfiguration, problem);
        if (privacy.HasKeys) return new(privacy.ConfiguredRing(), $"configuration ({PrivacyOptions.Section}:StorageKeys)", Created: false);
        if (!string.IsNullOrWhiteSpace(privacy.StorageKeyFile))
        {
            var configured = Path.GetFullPath(privacy.StorageKeyFile);
            if (!File.Exists(configured))
                throw new StartupFailure(StartupFailure.InvalidConfiguration, $"{PrivacyOptions.Section}:StorageKeyFile {configured} does not exist.");
            return new(Read(configured), $"the key file {configured}", Created: false);
        }

        var path = DefaultKeyFile;
        var created = false;
        if (!File.Exists(path))
        {
            if (databaseHoldsSealedData())
                throw new StartupFailure(StartupFailure.InvalidConfiguration,
                    $"The storage key file {path} is missing, but the database holds encrypted data that only its keys can read. " +
                    "Restore the key file from its backup (or configure Privacy:StorageKeys); see runbooks/key-rotation.md.");
            OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
            // Named by the day it was made, so that a rotation's new key is told apart from it at a glance.
            created = StorageKeyFile.TryCreate(path, StorageKeyRing.Of(StorageKey.Generate($"{time.GetUtcNow():yyyy-MM-dd}")));
        }

        // A file copied in by hand (or made by an older version) is narrowed to the server account, like the data folder.
        OwnerOnly.RestrictFile(path);
        return new(Read(path), $"the key file {path}", created);
    }

    private static StorageKeyRing Read(string path)
    {
        try
        {
            return StorageKeyFile.Read(path);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure(StartupFailure.InvalidConfiguration, exception.Message, exception);
        }
    }
}
