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
    public static HealthCheckResult Judge(SiloAddress self, SiloStatus selfStatus, int activeSilos, IReadOnlyCollection<SiloAddress> suspected)
    {
        if (selfStatus != SiloStatus.Active) return HealthCheckResult.Unhealthy($"silo {self} is {selfStatus}");
        var others = suspected.Where(s => !s.Equals(self)).ToList();
        if (others.Count > 0)
            return HealthCheckResult.Degraded($"{others.Count} of {activeSilos} active silos suspected by their peers: {string.Join(", ", others)}");
        if (suspected.Contains(self)) return HealthCheckResult.Degraded($"silo {self} is suspected by its peers");
        return HealthCheckResult.Healthy($"silo {self} is active, {activeSilos} active in the cluster");
    }
}
