using CrisisHub.Contracts.Operations;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>
/// Operator alerts for wallboards: the cluster's canary reports (<see cref="ICanaryReportsGrain"/>) are read by
/// GET /api/operations/canary, and every report is announced to all live pages (through the backplane in a cluster) so a
/// wallboard shows "alert path failing" at once and clears it when a run succeeds.
/// </summary>
public sealed partial class OperatorAlerts(IGrainFactory grains, IHubContext<AlertHub> hub, ILogger<OperatorAlerts> logger)
{
    public async Task CanaryReportedAsync(CanaryReport report)
    {
        try
        {
            await grains.GetGrain<ICanaryReportsGrain>(ICanaryReportsGrain.Key).ReportAsync(report);
            await hub.Clients.All.SendAsync(HubEvents.CanaryHealth, report);
        }
        catch (Exception exception)
        {
            // The metric and this node's log still say it; the next run reports again.
            LogReportFailed(report.Node, exception.GetType().Name);
        }
    }

    public Task<CanaryReport[]> ListAsync() => grains.GetGrain<ICanaryReportsGrain>(ICanaryReportsGrain.Key).ListAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Canary {Node}: its report could not be shared with the cluster ({Reason})")]
    private partial void LogReportFailed(string node, string reason);
}
