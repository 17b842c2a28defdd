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

/// <summary>
/// The outbox of a server without an SMS provider: every text that would have been sent, one row appended per
/// text (never a list rewritten), so administrators can read them and the flow works offline.
/// </summary>
public interface ILocalOutbox
{
    /// <summary>Keeps the text once (a repeat of its sid is ignored); completes when it is stored.</summary>
    Task RecordAsync(LocalText text);

    /// <summary>The newest texts first.</summary>
    Task<LocalText[]> LatestAsync(int take);

    /// <summary>The text kept for a message, if any (a send that may have happened is looked up, not repeated).</summary>
    Task<LocalText?> FindAsync(string messageId);
}

public static class LocalOutbox
{
    /// <summary>What the administrators' outbox page lists.</summary>
    public const int Listed = 500;

    /// <summary>How many texts a store keeps (as wave 1 did); older ones, with their numbers, are dropped as new ones arrive.</summary>
    public const int Kept = 500;
}
