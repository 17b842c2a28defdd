using Orleans.Metadata;
using Orleans.Runtime;

namespace CrisisHub.Server.Reports;

/// <summary>
/// Whether this build hosts a grain for an interface. The attention ledger and the screening index are built on their
/// own branches against contracts that are already here; until a build hosts them, the report says their figures are
/// not kept instead of failing the whole month.
/// </summary>
public sealed class DeployedGrains(GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver implementations)
{
    public bool Has<T>() where T : IGrainWithStringKey =>
        implementations.TryGetGrainType(interfaces.GetGrainInterfaceType(typeof(T)), out _);
}
