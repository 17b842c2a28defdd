using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace CrisisHub.Server.Failover;

/// <summary>
/// Readiness from the cluster's membership: Unhealthy while this silo is not an active member; Degraded (still ready:
/// it can take traffic) while another active silo is suspected by its peers — one may be about to be declared dead and
/// its grains re-placed; Healthy otherwise.
/// </summary>
public static class MembershipVerdict
{
    /// <param name="suspected">Active silos with a recent suspicion vote against them (within the vote expiry).</param>
    /// <param name="reachableOthers">Other active silos this node could connect to (null: not probed, one silo).</param>
    public static HealthCheckResult Judge(SiloAddress self, SiloStatus selfStatus, int activeSilos, IReadOnlyCollection<SiloAddress> suspected,
        int? reachableOthers = null)
    {
        if (selfStatus != SiloStatus.Active) return HealthCheckResult.Unhealthy($"silo {self} is {selfStatus}");
        if (reachableOthers is { } reached && !Quorum.Holds(activeSilos, reached))
            return HealthCheckResult.Unhealthy($"silo {self} reaches {reached} of the {activeSilos - 1} other active silos: no quorum");
        var others = suspected.Where(s => !s.Equals(self)).ToList();
        if (others.Count > 0)
            return HealthCheckResult.Degraded($"{others.Count} of {activeSilos} active silos suspected by their peers: {string.Join(", ", others)}");
        if (suspected.Contains(self)) return HealthCheckResult.Degraded($"silo {self} is suspected by its peers");
        return HealthCheckResult.Healthy($"silo {self} is active, {activeSilos} active in the cluster");
    }
}

/// <summary>
/// Whether this node reaches a quorum: itself and the active silos it can open a connection to must be more than half of
/// the active silos. A node cut off from the others answers Unhealthy at once, before their votes declare it dead.
/// </summary>
public static class Quorum
{
    public static bool Holds(int activeSilos, int reachableOthers) => (reachableOthers + 1) * 2 > activeSilos;

    /// <summary>Opens (and closes) a TCP connection to each other active silo's silo port, all at once, within the token's budget.</summary>
    public static async Task<int> ReachableAsync(IEnumerable<SiloAddress> others, CancellationToken cancellationToken)
    {
        var attempts = others.Select(async silo =>
        {
            try
            {
                using var socket = new System.Net.Sockets.Socket(silo.Endpoint.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(silo.Endpoint, cancellationToken);
                return true;
            }
            catch (Exception exception) when (exception is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return false;
            }
        });
        return (await Task.WhenAll(attempts)).Count(reached => reached);
    }
}
