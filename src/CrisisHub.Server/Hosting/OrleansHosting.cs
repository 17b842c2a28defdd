using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Sms;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Grains;
using CrisisHub.Grains.Escalation;
using CrisisHub.Grains.Notifications;
using CrisisHub.Persistence.Redis;
using CrisisHub.Persistence.Sqlite;
using CrisisHub.Server.Notifications;
using CrisisHub.Server.Privacy;
using CrisisHub.Privacy;
using Orleans.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace CrisisHub.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// Co-hosts the Orleans silo. Clustering and storage are chosen by configuration only, so cluster
    /// mode adds providers here without touching a grain.
    /// </summary>
    public static WebApplicationBuilder AddCrisisHubOrleans(this WebApplicationBuilder builder)
    {
        var crisisHub = builder.Configuration.GetSection(CrisisHubOptions.Section).Get<CrisisHubOptions>() ?? new();
        var orleans = builder.Configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Ahead of UseOrleans: hosted services start in order, so this refuses a taken folder or port before the silo starts.
        builder.Services.AddHostedService<ServerExclusivity>();
        // Right after it: the storage keys load under the data folder's lock (a first start may make the key file), before the silo.
        builder.AddCrisisHubPrivacy();
        builder.Services.AddSingleton<SignalRAlertNotifier>();
        builder.Services.AddSingleton<IAlertNotifier, AlertNotifiers>();
        // The warning-network grain checks every saved policy against these floors.
        builder.Services.AddOptions<PolicyLimits>().BindConfiguration(PolicyLimits.Section)
            .Validate(l => l.Problem() is null, "CrisisHub:PolicyLimits: the floors must be positive and MaxRepeats must not be negative.")
            .ValidateOnStart();

        var redis = orleans.UsesRedis
            ? RedisHosting.ConnectOrFail(orleans.Redis ?? throw new InvalidOperationException("Silo:Redis is required when Silo:Clustering or Silo:Storage is 'Redis'."))
            : null;
        if (redis is not null)
        {
            builder.Services.AddSingleton(redis);
            // Ahead of UseOrleans, like ServerExclusivity: an empty Redis is recognised before the silo starts and the seed runs.
            builder.Services.AddSingleton<Failover.ClusterEpoch>();
            builder.Services.AddHostedService(services => services.GetRequiredService<Failover.ClusterEpoch>());
        }

        // After Redis (an unreachable Redis says so first), before the silo: anchors are signed with a key from outside the database.
        var anchorKeys = builder.Configuration.GetSection(AnchorKeyOptions.Section).Get<AnchorKeyOptions>() ?? new();
        builder.Services.AddSingleton(AnchorKeySetup.Load(anchorKeys, crisisHub.DataFolderPath, orleans.UsesRedis));

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (orleans.ClusterId, orleans.ServiceId));
            switch (orleans.Clustering)
            {
                case "Localhost":
                    silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                    break;
                case "Redis":
                    silo.UseRedisClustering(o => o.ConfigurationOptions = RedisHosting.Options(orleans.Redis!));
                    // Tuned for a small cluster: a killed silo misses 3 probes 2 s apart and is declared dead by 2 votes,
                    // a few seconds after it died (Orleans' defaults take 15-30 s); three misses, not two, so a node starved of
                    // CPU for a few seconds is not declared dead. Requests meanwhile are retried (Failover).
                    silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
                    {
                        o.ProbeTimeout = TimeSpan.FromSeconds(2);
                        o.NumMissedProbesLimit = 3;
                        o.NumVotesForDeathDeclaration = 2;
                    });
                    silo.ConfigureEndpoints(System.Net.IPAddress.Parse(orleans.AdvertisedIPAddress), orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);
                    break;
                default:
                    throw new InvalidOperationException($"Silo:Clustering '{orleans.Clustering}' is not supported; use 'Localhost' or 'Redis'.");
            }

            switch (orleans.Storage)
            {
                case "Sqlite":
                    silo.UseSqliteDatabase(crisisHub.DatabasePath);
                    foreach (var name in StorageNames.All) silo.AddSqliteGrainStorage(name);
                    silo.UseSqliteReminderService();
                    silo.UseSqliteAuditLog();
                    silo.UseSqliteBoardsAndOutbox();
                    break;
                case "Redis":
                    foreach (var name in StorageNames.All) silo.AddSealedRedisGrainStorage(name, o => o.ConfigurationOptions = RedisHosting.Options(orleans.Redis!));
                    silo.UseRedisReminderService(o => o.ConfigurationOptions = RedisHosting.Options(orleans.Redis!));
                    // On the connection the host already holds (Storage "Redis" implies it), keyed beside Orleans' own.
                    silo.Services.AddSingleton<IAuditLog>(services => new RedisAuditLog(services.GetRequiredService<IConnectionMultiplexer>(), services.GetRequiredService<StorageKeyRing>()));
                    silo.Services.AddSingleton<IAlertBoard>(services => new RedisAlertBoard(services.GetRequiredService<IConnectionMultiplexer>()));
                    silo.Services.AddSingleton<ILocalOutbox>(services => new RedisLocalOutbox(services.GetRequiredService<IConnectionMultiplexer>(), services.GetRequiredService<StorageKeyRing>()));
                    break;
                default:
                    throw new InvalidOperationException($"Silo:Storage '{orleans.Storage}' is not supported; use 'Sqlite' or 'Redis'.");
            }

            silo.AddCrisisHubGrains();
            // A flag's trace follows it through the grain calls (spans appear when a tracer listens, see TelemetrySetup).
            silo.AddActivityPropagation();
        });
        return builder;
    }
}
