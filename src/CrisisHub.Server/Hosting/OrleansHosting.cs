using CrisisHub.Grains;
using CrisisHub.Grains.Notifications;
using CrisisHub.Persistence.Sqlite;
using CrisisHub.Server.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        builder.Services.AddSingleton<IAlertNotifier, SignalRAlertNotifier>();

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (orleans.ClusterId, orleans.ServiceId));
            switch (orleans.Clustering)
            {
                case "Localhost":
                    silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                    break;
                default:
                    throw new InvalidOperationException($"Silo:Clustering '{orleans.Clustering}' is not supported; use 'Localhost'.");
            }

            switch (orleans.Storage)
            {
                case "Sqlite":
                    silo.UseSqliteDatabase(crisisHub.DatabasePath);
                    foreach (var name in StorageNames.All) silo.AddSqliteGrainStorage(name);
                    silo.UseSqliteReminderService();
                    break;
                default:
                    throw new InvalidOperationException($"Silo:Storage '{orleans.Storage}' is not supported; use 'Sqlite'.");
            }

            silo.AddCrisisHubGrains();
        });
        return builder;
    }
}
