using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>One server shared by a collection of tests; each test uses its own students.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = CrisisHubFactory.NewClock();
    public CrisisHubFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock);
        _ = Factory.BaseAddress; // start now, so the first test does not pay for it
        return Task.CompletedTask;
    }

    public Task<ApiClient> SignInAsync(string userName) => ApiClient.SignInAsync(Factory, userName);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
