using CrisisHub.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Persistence;
using Orleans.Storage;

namespace CrisisHub.Persistence.Redis;

public static class SealedRedisGrainStorageExtensions
{
    /// <summary>
    /// Orleans' Redis grain storage under <paramref name="name"/>, every state sealed with the <see cref="StorageKeyRing"/> the
    /// host registers. Cluster mode and the grain tests' Redis variant both use this, so the tests run what production runs.
    /// </summary>
    public static ISiloBuilder AddSealedRedisGrainStorage(this ISiloBuilder builder, string name, Action<RedisStorageOptions> configure)
    {
        builder.AddRedisGrainStorage(name, configure);
        // After Orleans' own post-configuration, which picks the default serializer: that one is wrapped.
        builder.Services.AddOptions<RedisStorageOptions>(name).PostConfigure<IServiceProvider>((options, services) =>
            options.GrainStorageSerializer = new SealingGrainStorageSerializer(
                options.GrainStorageSerializer ?? services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<StorageKeyRing>()));
        // Replaces the provider registered above: a keyed service resolves to its last registration, and Orleans' lifecycle
        // registration for it resolves by name too, so the decorator is what grains and the silo's lifecycle get.
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new SealedRedisGrainStorage(name, RedisGrainStorageFactory.Create(services, name)));
        return builder;
    }
}
