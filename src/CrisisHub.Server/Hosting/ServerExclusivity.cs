using System.Net;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Runs before the silo (it is registered ahead of it, and acts in the first start-up phase): takes the data folder's lock and checks the silo
/// and gateway ports, so a second server over the same folder or ports refuses to start and says what is
/// taken. The lock is held until the host is disposed, so a restart in the same process (a new host over
/// the same folder) gets it back.
/// </summary>
internal sealed class ServerExclusivity(IOptions<CrisisHubOptions> crisisHub, IOptions<OrleansHostingOptions> silo) : IHostedLifecycleService, IDisposable
{
    private DataFolderLock? _lock;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _lock = DataFolderLock.Acquire(crisisHub.Value.DataFolderPath);
        // Localhost clustering listens on loopback; cluster mode listens on every address.
        var address = silo.Value.Clustering == "Localhost" ? IPAddress.Loopback : IPAddress.Any;
        PortProbe.EnsureFree(address, silo.Value.SiloPort, "Silo:SiloPort");
        PortProbe.EnsureFree(address, silo.Value.GatewayPort, "Silo:GatewayPort");
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _lock?.Dispose();
}
