namespace CrisisHub.Server.Privacy;

/// <summary>
/// Loads the storage keys as the server starts (after the data folder's lock is taken, before the silo starts), so a
/// missing or bad key refuses the start instead of failing the first request that reads a case; and says in the log which
/// key new writes use.
/// </summary>
internal sealed class StorageKeysAtStart(IServiceProvider services, ILogger<StorageKeysAtStart> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var loaded = services.GetRequiredService<LoadedStorageKeys>();
        logger.LogInformation("Storage keys from {Source}: new writes are encrypted with key {CurrentKey}; {KeyCount} key(s) can decrypt",
            loaded.Source, loaded.Ring.CurrentKeyId, loaded.Ring.KeyIds.Count);
        if (loaded.Created)
            logger.LogWarning("Made a new storage key ({CurrentKey}) in {Source}. Back it up apart from the database: without it the database cannot be read",
                loaded.Ring.CurrentKeyId, loaded.Source);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
