using CrisisHub.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Operations;

/// <summary>
/// This node's name in operational ids (its canary, its reminder heartbeat): Canary:NodeName, else the host name and silo
/// port, lower-case letters, digits and '-', at most 32 characters.
/// </summary>
public sealed class NodeIdentity(IOptions<CanaryOptions> canary, IOptions<OrleansHostingOptions> silo)
{
    public string Name { get; } = canary.Value.NodeName ?? DefaultName(Environment.MachineName, silo.Value.SiloPort);

    public static string DefaultName(string host, int siloPort)
    {
        var safe = new string([.. host.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        var name = $"{safe}-{siloPort}";
        return name.Length <= 32 ? name : name[^32..].TrimStart('-');
    }
}
