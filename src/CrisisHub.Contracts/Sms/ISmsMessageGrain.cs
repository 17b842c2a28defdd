namespace CrisisHub.Contracts.Sms;

/// <summary>
/// One outbound text (keyed by its message id). It records the text before the provider is called, sends it
/// from its own turn with durable retries, and reconciles an attempt whose outcome it never learned. Its next attempt
/// is a deadline like a case's, so the start-up sweep wakes a text that was due while the server was down.
/// </summary>
public interface ISmsMessageGrain : Cases.IDeadlineOwnerGrain
{
    /// <summary>Records and schedules the text; a second call with the same id changes nothing.</summary>
    Task EnqueueAsync(SmsRequest request);

    Task<SmsMessageView?> GetAsync();

    /// <summary>
    /// Retention: forgets the number and the body (and the reply code) of a text the provider has had; the status,
    /// times and ids stay. A text still queued or being handed over keeps them. Repeating changes nothing.
    /// </summary>
    Task ForgetContentAsync();

    /// <summary>A provider status callback (sid, status, error code).</summary>
    Task ApplyProviderStatusAsync(string providerSid, SmsStatus status, int? errorCode);
}
