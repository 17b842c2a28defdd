using System.Text.Json;
using CrisisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Seed;

/// <summary>Seeds on first start: the configured seed file, or the generated demo district.</summary>
internal sealed class SeedOnStart(SeedLoader loader, IOptions<CrisisHubOptions> options, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // An empty Redis that once held this cluster is a loss to restore, not a new cluster to seed.
        if (services.GetService<Failover.ClusterEpoch>()?.View.DataLost == true) return;
        var o = options.Value;
        if (o.SeedFile is { } file)
        {
            await using var stream = File.OpenRead(file);
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            ProblemDetailsSetup.Configure(json);
            var seed = await JsonSerializer.DeserializeAsync<SeedDocument>(stream, json, cancellationToken)
                ?? throw new InvalidOperationException($"Seed file {file} is empty.");
            if (seed.Nodes.FirstOrDefault(n => Contracts.Network.SyntheticDistrict.IsReservedNodeId(n.NodeId)) is { } reserved)
                throw new InvalidOperationException($"Seed file {file}: node id '{reserved.NodeId}' is reserved for the canary's synthetic district ('{Contracts.Network.SyntheticDistrict.Id}…').");
            await loader.ApplyOnceAsync(seed, cancellationToken);
        }
        else if (o.SeedDemoData)
        {
            await loader.ApplyOnceAsync(DemoSeed.Build(o.DemoPassword), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
