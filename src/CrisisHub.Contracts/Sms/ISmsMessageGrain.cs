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

    /// <summary>A provider status callback (sid, status, error code).</summary>
    Task ApplyProviderStatusAsync(string providerSid, SmsStatus status, int? errorCode);
}

/// <summary>A text kept by the local outbox instead of being sent.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.LocalText")]
public sealed record LocalText(string Sid, string MessageId, string To, string Body, DateTimeOffset At);

/// <summary>The embedded server's outbox (one, keyed <see cref="LocalOutbox.Key"/>): the latest texts that would have been sent.</summary>
public interface ILocalOutboxGrain : IGrainWithStringKey
{
    Task RecordAsync(LocalText text);

    Task<LocalText[]> ListAsync();
}

public static class LocalOutbox
{
    public const string Key = "local";
}
