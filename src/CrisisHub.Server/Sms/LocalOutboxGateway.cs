using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Sms;

namespace CrisisHub.Server.Sms;

/// <summary>
/// The embedded default without Twilio credentials: texts are kept in a local outbox that administrators can
/// read (GET /api/sms/outbox), and reported delivered, so the whole flow works offline.
/// </summary>
public sealed class LocalOutboxGateway(IGrainFactory grains, ILocalOutbox outbox, TimeProvider time) : ISmsGateway
{
    public async Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        var sid = $"LO{Guid.NewGuid():N}";
        await outbox.RecordAsync(new LocalText(sid, sms.MessageId, sms.To, sms.Body, time.GetUtcNow()));
        // Reported after this call returns: the text grain is still in the turn that is calling us.
        _ = Task.Run(() => grains.GetGrain<ISmsMessageGrain>(sms.MessageId).ApplyProviderStatusAsync(sid, SmsStatus.Delivered, null), CancellationToken.None);
        return new SmsSendResult.Accepted(sid);
    }

    public async Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken) =>
        (await outbox.FindAsync(sms.MessageId))?.Sid;
}
