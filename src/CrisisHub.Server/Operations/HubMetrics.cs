using System.Diagnostics.Metrics;

namespace CrisisHub.Server.Operations;

/// <summary>Live hub connections of this node by what they are for (inbox, wall, case, hospital): a gauge per node.</summary>
public sealed class HubMetrics
{
    private readonly UpDownCounter<int> _connections = Grains.Telemetry.CrisisHubMetrics.Shared
        .CreateUpDownCounter<int>("crisishub.hub.connections", "{connection}", "Connections to the alert hub, by what they listen for.");

    public void Connected(string purpose) => _connections.Add(1, new KeyValuePair<string, object?>("purpose", purpose));

    public void Disconnected(string purpose) => _connections.Add(-1, new KeyValuePair<string, object?>("purpose", purpose));
}
