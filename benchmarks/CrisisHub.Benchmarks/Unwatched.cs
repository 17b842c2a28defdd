using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Notifications;
using CrisisHub.Grains.Sms;

namespace CrisisHub.Benchmarks;

/// <summary>No browser watches the benchmark's silo: live notifications go nowhere.</summary>
internal sealed class UnwatchedNotifier : IAlertNotifier
{
    public Task PublishAsync(AlertNotification notification) => Task.CompletedTask;

    public Task PublishReferralAsync(ReferralNotification notification) => Task.CompletedTask;

    public Task PublishPlanReviewAsync(PlanReviewNotification notification) => Task.CompletedTask;
}

/// <summary>A provider that accepts every text at once, so the Major case's texts settle without a network.</summary>
internal sealed class AcceptingSmsGateway : ISmsGateway
{
    public Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken) =>
        Task.FromResult<SmsSendResult>(new SmsSendResult.Accepted($"SM{Guid.NewGuid():N}"));

    public Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
