using Microsoft.Extensions.Time.Testing;

namespace CrisisHub.Server.Tests.Ledger;

/// <summary>A server of the ledger tests' own, with screening results and plans put in place through its grains.</summary>
public sealed class LedgerServerFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = CrisisHubFactory.NewClock();
    public ScreeningsAndPlansSeed Sources { get; private set; } = null!;
    public CrisisHubFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), Clock);
        Sources = new ScreeningsAndPlansSeed(Factory);
        _ = Factory.BaseAddress;
        return Task.CompletedTask;
    }

    public Task<ApiClient> SignInAsync(string userName) => ApiClient.SignInAsync(Factory, userName);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
