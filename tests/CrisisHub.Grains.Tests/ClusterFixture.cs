using CrisisHub.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// Two silos sharing one fake clock. Storage and reminders are in memory, or — with
/// CRISISHUB_GRAIN_STORAGE=Redis — Orleans' Redis providers on a redis-server this fixture starts, so the
/// very same suite proves the cluster-mode providers. The clock drives grain timers (Orleans' grain-facing time area);
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

    public const string StorageVariable = "CRISISHUB_GRAIN_STORAGE";
    private RedisServer? _redis;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(StorageVariable) == "Redis") _redis = await RedisServer.StartAsync();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            if (_redis is { } redis)
            {
                foreach (var name in StorageNames.All)
                    silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis.ConnectionString));
                silo.UseRedisReminderService(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis.ConnectionString));
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
            silo.Services.AddSingleton<Sms.ISmsGateway>(Sms);
            silo.Services.AddOptions<Sms.SmsOptions>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
