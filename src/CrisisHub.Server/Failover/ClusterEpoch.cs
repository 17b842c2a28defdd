using CrisisHub.Server.Hosting;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrisisHub.Server.Failover;

/// <summary>Whether this node's cluster still has its data, as <see cref="ClusterEpoch"/> last found.</summary>
public sealed record ClusterDataView(bool DataLost, DateTimeOffset? Since, string? Reason);

/// <summary>
/// Tells a Redis that came back empty (persistence off, volume lost) from a new cluster. The first node of a cluster writes
/// an epoch (a random id) into Redis; every node keeps the epoch it joined in its data folder. A node that finds its epoch
/// missing from Redis, or another one there, knows the cluster's data is gone: it does not seed (that would silently
/// replace every case with the seed), refuses writes with 503, is not ready, and every wallboard shows a red banner —
/// until the data is restored (the epoch comes back with it) or an operator starts the cluster anew
/// (runbooks/redis-data-lost.md). Checked at start, before the silo and the seed, and every few seconds.
/// </summary>
public sealed partial class ClusterEpoch(
    IConnectionMultiplexer redis,
    IOptions<CrisisHubOptions> crisisHub,
    IOptions<OrleansHostingOptions> silo,
    IHubContext<AlertHub> hub,
    TimeProvider time,
    ILogger<ClusterEpoch> logger) : IHostedLifecycleService, IDisposable
{
    public const string FileName = "cluster-epoch";
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private ITimer? _timer;
    private string? _epoch;
    private ClusterDataView _view = new(false, null, null);

    public ClusterDataView View { get { lock (_lock) return _view; } }

    private RedisKey Key => $"crisishub:{silo.Value.ServiceId}:epoch";
    private string LocalFile => Path.Combine(crisisHub.Value.DataFolderPath, FileName);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FindEpochAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new StartupFailure(StartupFailure.RedisUnreachable, $"Redis did not answer while this node looked for the cluster's epoch: {exception.Message}", exception);
        }

        await CheckAsync();
        _timer = time.CreateTimer(_ => _ = CheckAsync(), null, CheckEvery, CheckEvery);
    }

    private async Task FindEpochAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        _epoch = File.Exists(LocalFile) ? (await File.ReadAllTextAsync(LocalFile, cancellationToken)).Trim() : null;
        if (_epoch is null)
        {
            // A node new to this folder: it adopts the cluster's epoch, or founds one for a new cluster (the first writer wins).
            var founded = Guid.NewGuid().ToString("N");
            await database.StringSetAsync(Key, founded, when: When.NotExists);
            _epoch = (await database.StringGetAsync(Key)).ToString();
            Directory.CreateDirectory(crisisHub.Value.DataFolderPath);
            // Written aside and moved into place: a crash mid-write must not leave an empty epoch (a false "data lost").
            var written = LocalFile + ".new";
            await File.WriteAllTextAsync(written, _epoch, cancellationToken);
            File.Move(written, LocalFile, overwrite: true);
        }
    }

    /// <summary>Compares Redis' epoch with this node's; a Redis that does not answer is the health check's concern, not this.</summary>
    public async Task CheckAsync()
    {
        // One check at a time: a Redis timeout is longer than the period, and a late answer must not overwrite a newer one.
        if (Interlocked.Exchange(ref _checking, 1) == 1) return;
        try { await CompareAsync(); }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException) { }
        finally { Volatile.Write(ref _checking, 0); }
    }

    private int _checking;

    private async Task CompareAsync()
    {
        var stored = await redis.GetDatabase().StringGetAsync(Key);

        var lost = stored.IsNull ? "Redis holds no cluster epoch: it came back empty" : stored != _epoch ? "Redis holds another cluster's epoch" : null;
        bool changed;
        lock (_lock)
        {
            changed = (lost is not null) != _view.DataLost;
            if (changed) _view = lost is null ? new(false, null, null) : new(true, time.GetUtcNow(), lost);
        }

        if (!changed) return;
        if (lost is not null) LogDataLost(lost);
        else LogDataBack();
        try { await hub.Clients.All.SendAsync(HubEvents.ClusterData, View); }
        catch (Exception) { /* pages read it again on load */ }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cluster data lost: {Reason}. Writes are refused and this node is not ready. Follow runbooks/redis-data-lost.md: restore Redis from its append-only file or a backup; do not reseed")]
    private partial void LogDataLost(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster data is back (Redis holds this node's epoch again): writes are accepted")]
    private partial void LogDataBack();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _timer?.Dispose();
}
