using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Ledger;

/// <summary>Nodes read at once by id, for naming the grades, classes and schools a page lists; unknown ids are left out.</summary>
internal static class NetworkNodes
{
    public static async Task<Dictionary<string, WarningNodeView>> ReadAsync(IGrainFactory grains, IEnumerable<string> ids)
    {
        var views = await Task.WhenAll(ids.Distinct().Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()));
        return views.OfType<WarningNodeView>().ToDictionary(v => v.NodeId);
    }
}
