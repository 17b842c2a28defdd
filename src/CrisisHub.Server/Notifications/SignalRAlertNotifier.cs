using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Identity;
using CrisisHub.Grains.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Notifications;

/// <summary>
/// The grains' notification port, implemented with SignalR. One send to a list of groups in which every
/// connection is a member of at most one (see <see cref="AlertHub"/>), so nobody hears an event twice:
/// the inboxes of the people holding a notified node, the case's open pages, and the school's and district's
/// live streams.
/// </summary>
internal sealed class SignalRAlertNotifier(IHubContext<AlertHub> hub, IGrainFactory grains) : IAlertNotifier
{
    public async Task PublishAsync(AlertNotification notification)
    {
        var people = await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).CaseHandlersAtAsync(notification.NodeIds);
        var groups = people.Select(HubGroups.Inbox)
            .Append(HubGroups.Case(notification.Alert.CaseId))
            .Append(HubGroups.Stream(notification.SchoolId))
            .Append(HubGroups.Stream(notification.DistrictId))
            .ToList();
        await hub.Clients.Groups(groups).SendAsync(HubEvents.Alert, notification);
    }

    public Task PublishReferralAsync(ReferralNotification notification) =>
        hub.Clients.Group(HubGroups.Hospital(notification.Referral.HospitalId)).SendAsync(HubEvents.Referral, notification);

    /// <summary>A plan's review is due: its owner's inbox connections alone (the owner is a person, not a node).</summary>
    public Task PublishPlanReviewAsync(PlanReviewNotification notification) =>
        hub.Clients.Group(HubGroups.Inbox(notification.OwnerUserName)).SendAsync(HubEvents.PlanReview, notification);
}
