using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Notifications;

/// <summary>The grains' notification port, implemented with SignalR: web push to nodes and live streams.</summary>
internal sealed class SignalRAlertNotifier(IHubContext<AlertHub> hub) : IAlertNotifier
{
    public Task PublishAsync(AlertNotification notification)
    {
        var groups = notification.NodeIds.Select(HubGroups.Node)
            .Append(HubGroups.Stream(notification.SchoolId))
            .Append(HubGroups.Stream(notification.DistrictId))
            .ToList();
        return hub.Clients.Groups(groups).SendAsync(HubEvents.Alert, notification);
    }

    public Task PublishReferralAsync(ReferralNotification notification) =>
        hub.Clients.Group(HubGroups.Hospital(notification.Referral.HospitalId)).SendAsync(HubEvents.Referral, notification);
}
