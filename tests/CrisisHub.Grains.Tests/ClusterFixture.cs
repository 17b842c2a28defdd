using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Grains.Notifications;
using CrisisHub.Persistence.Redis;
using CrisisHub.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// Two silos sharing one fake clock. Storage, reminders and the audit log are in memory, or — with
/// CRISISHUB_GRAIN_STORAGE=Redis — Orleans' Redis providers and the Redis audit log on a redis-server this fixture
/// starts, so the very same suite proves the cluster-mode providers. The clock drives grain timers (Orleans' grain-facing time area);
/// membership and other background loops stay on real time so advancing the fake clock cannot stall them.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    public RecordingNotifier Notifier { get; } = new();
    public FakeSmsGateway Sms { get; } = new();
    public RecordingSessionNotifier Sessions { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The audit log both silos share, for tests that look at (or tamper with) what is stored.</summary>
    public IAuditLog AuditLog { get; private set; } = null!;

    /// <summary>The key the daily audit anchors are signed with (the host reads it from outside the database).</summary>
    public Audit.AnchorKeyRing AnchorKeys { get; } = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The open-alert boards both silos share (what inboxes and wallboards read).</summary>
    public IAlertBoard Board { get; private set; } = null!;

    /// <summary>The storage keys both silos seal Redis state and the audit log with (a cluster's nodes share theirs).</summary>
    public StorageKeyRing Keys { get; } = StorageKeyRing.Of(StorageKey.Generate("grain-tests"));

    public const string StorageVariable = "CRISISHUB_GRAIN_STORAGE";
    private RedisServer? _redis;
    private IConnectionMultiplexer? _redisConnection;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(StorageVariable) == "Redis")
        {
            _redis = await RedisServer.StartAsync();
            _redisConnection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
            AuditLog = new RedisAuditLog(_redisConnection, Keys);
            Board = new RedisAlertBoard(_redisConnection);
        }
        else
        {
            AuditLog = new InMemoryAuditLog();
            Board = new InMemoryAlertBoard();
        }

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            if (_redis is { } redis)
            {
                // As cluster mode stores them: every state sealed with the storage keys.
                silo.Services.AddSingleton(Keys);
                foreach (var name in StorageNames.All)
                    silo.AddSealedRedisGrainStorage(name, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
                silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
            }
            else
            {
                foreach (var name in StorageNames.All) silo.AddMemoryGrainStorage(name);
                silo.UseInMemoryReminderService();
            }

            silo.AddCrisisHubGrains();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton<IAlertNotifier>(Notifier);
            silo.Services.AddSingleton<Identity.ISessionNotifier>(Sessions);
            silo.Services.AddSingleton(AuditLog);
            silo.Services.AddSingleton(Board);
            silo.Services.AddSingleton(AnchorKeys);
            silo.Services.AddSingleton<Sms.ISmsGateway>(Sms);
            silo.Services.AddOptions<Sms.SmsOptions>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Rewrites a stored audit record in place, as someone with access to the storage could.</summary>
    public async Task TamperAsync(string stream, long sequence, Func<AuditRecord, AuditRecord> alter)
    {
        if (AuditLog is InMemoryAuditLog memory)
        {
            memory.Tamper(stream, sequence, alter);
            return;
        }

        // RedisAuditLog's layout: record n is item n-1 of the list "crisishub:audit:{stream}", stored as "hash\nJSON".
        var altered = alter((await AuditLog.ReadAsync(stream, sequence, 1)).Single());
        await _redisConnection!.GetDatabase().ListSetByIndexAsync($"crisishub:audit:{stream}", sequence - 1,
            $"{altered.Hash}\n{JsonSerializer.Serialize(altered, new JsonSerializerOptions(JsonSerializerDefaults.Web))}");
    }

    /// <summary>Cuts a stream's records from <paramref name="fromSequence"/> on, as someone with access to the storage could.</summary>
    public async Task TruncateAsync(string stream, long fromSequence)
    {
        if (AuditLog is InMemoryAuditLog memory)
        {
            memory.Truncate(stream, fromSequence);
            return;
        }

        var key = $"crisishub:audit:{stream}";
        if (fromSequence <= 1) await _redisConnection!.GetDatabase().KeyDeleteAsync(key);
        else await _redisConnection!.GetDatabase().ListTrimAsync(key, 0, fromSequence - 2);
    }

    /// <summary>Puts a board entry whatever version is stored, as a crash between a case's push and its board delta leaves it.</summary>
    public async Task PlantOnBoardsAsync(AlertSummary summary, string[] scopes)
    {
        if (Board is InMemoryAlertBoard memory)
        {
            memory.Plant(summary, 0, scopes);
            return;
        }

        // RedisAlertBoard's layout: a hash per board ("crisishub:board:scope:{scope}", case id → JSON) and per case.
        var redis = _redisConnection!.GetDatabase();
        var json = JsonSerializer.Serialize(summary, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        foreach (var scope in scopes) await redis.HashSetAsync($"crisishub:board:scope:{scope}", summary.CaseId, json);
        await redis.HashSetAsync($"crisishub:board:case:{summary.CaseId}", [new("version", 0), new("scopes", string.Join('\n', scopes))]);
    }

    /// <summary>The grain storage provider a silo keeps states of the given storage name in (in memory, or Redis).</summary>
    public IGrainStorage Storage(string name) => Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(name);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_redisConnection is not null) await _redisConnection.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
