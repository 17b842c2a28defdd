using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Grains.Notifications;

/// <summary>
/// The port through which grains tell people about alerts. The host implements it (SignalR today, SMS
/// next); grains never see a hub type. Delivery is best effort: grain state stays the source of truth.
/// </summary>
public interface IAlertNotifier
{
    Task PublishAsync(AlertNotification notification);

    /// <summary>Tells a hospital desk's live queue that one of its referrals changed.</summary>
    Task PublishReferralAsync(ReferralNotification notification);

    /// <summary>Tells a plan's owner (their live pages) that the plan's review is due.</summary>
    Task PublishPlanReviewAsync(PlanReviewNotification notification);
}
