using CrisisHub.Server.Seed;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Hosting;

/// <summary>Prints where the server listens and, with demo data, how to sign in.</summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IOptions<CrisisHubOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    private void Print()
    {
        var o = options.Value;
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"CrisisHub is listening on {string.Join(", ", urls)}");
        Console.WriteLine($"Data folder: {o.DataFolderPath}");
        if (o.SeedDemoData && o.SeedFile is null)
        {
            Console.WriteLine($"Demo accounts (password for all: {o.DemoPassword}):");
            foreach (var line in DemoAccountList.Lines(DemoSeed.Build(o.DemoPassword))) Console.WriteLine(line);
        }

        Console.WriteLine();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
