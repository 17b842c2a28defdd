using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests.Ledger;

/// <summary>A server whose screening results and plans the test puts in place (see <see cref="InMemoryScreeningsAndPlans"/>).</summary>
public sealed class LedgerServerFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = CrisisHubFactory.NewClock();
    public InMemoryScreeningsAndPlans Sources { get; } = new();
    public CrisisHubFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock, services: InMemoryScreeningsAndPlans.Replacing(Sources));
        _ = Factory.BaseAddress;
        return Task.CompletedTask;
    }

    public Task<ApiClient> SignInAsync(string userName) => ApiClient.SignInAsync(Factory, userName);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
