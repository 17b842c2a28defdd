using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CrisisHub.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ProviderTests(ClusterFixture fixture)
{
    [Fact]
    public void TheSuiteRunsOnTheProvidersItWasConfiguredFor()
    {
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Cases).GetType().Name;
        var reminders = services.GetRequiredService<IReminderTable>().GetType().Name;
        var expected = Environment.GetEnvironmentVariable(ClusterFixture.StorageVariable) == "Redis" ? "Redis" : "Memory";

        // Redis state is sealed with the storage keys, as cluster mode stores it.
        storage.ShouldContain(expected == "Redis" ? "SealedRedis" : expected);
        reminders.ShouldContain(expected == "Redis" ? "Redis" : "InMemory");
    }
}
