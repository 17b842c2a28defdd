using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Notifications;
using CrisisHub.Server.Push;

namespace CrisisHub.Server.Notifications;

/// <summary>
/// The grains' notification port as the host serves it: every change to the live hub (inboxes, case pages, wallboards), and a
/// step that fired to Web Push as well, queued so the case's turn waits for no push service. The SMS channel is the case's own
/// (its outbox), as texts must survive a restart.
/// </summary>
internal sealed class AlertNotifiers(SignalRAlertNotifier live, AlertPushes pushes) : IAlertNotifier
{
    public Task PublishAsync(AlertNotification notification)
    {
        pushes.Offer(notification);
        return live.PublishAsync(notification);
    }

    public Task PublishReferralAsync(ReferralNotification notification) => live.PublishReferralAsync(notification);

    public Task PublishPlanReviewAsync(PlanReviewNotification notification) => live.PublishPlanReviewAsync(notification);
}
