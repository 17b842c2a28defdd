using CrisisHub.Privacy;
using CrisisHub.Server.Hosting;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Privacy;

public static class PrivacySetup
{
    /// <summary>
    /// The storage key ring every store seals sensitive data with, and the data-protection keys sealed with it too. Called
    /// from AddCrisisHubOrleans right after the data folder's lock is registered, so the keys load under that lock and
    /// before the silo starts.
    /// </summary>
    public static WebApplicationBuilder AddCrisisHubPrivacy(this WebApplicationBuilder builder)
    {
        // Not validated as options: StorageKeyRingSource refuses a configuration that gives no ring with a StartupFailure
        // (exit code 13, one line, as a taken port or data folder), when StorageKeysAtStart loads the keys.
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);
        builder.Services.AddSingleton(services =>
        {
            var crisisHub = services.GetRequiredService<IOptions<CrisisHubOptions>>().Value;
            var silo = services.GetRequiredService<IOptions<OrleansHostingOptions>>().Value;
            var privacy = services.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            var source = new StorageKeyRingSource(privacy, silo.UsesRedis, crisisHub.DataFolderPath, services.GetRequiredService<TimeProvider>());
            return source.Load(() => silo.Storage == "Sqlite" && Persistence.Sqlite.SqliteSealedData.Exists(crisisHub.DatabasePath));
        });
        builder.Services.AddSingleton(services => services.GetRequiredService<LoadedStorageKeys>().Ring);
        builder.Services.AddHostedService<StorageKeysAtStart>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<StorageKeyRing>((o, keys) => o.XmlEncryptor = new StorageKeyXmlEncryptor(keys));
        return builder;
    }
}
