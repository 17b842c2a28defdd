namespace CrisisHub.Contracts.Sms;

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

    /// <summary>Forgets every text (number and body) kept from before <paramref name="cutoff"/>: the retention job's purge. Returns how many.</summary>
    Task<int> ForgetBeforeAsync(DateTimeOffset cutoff);
}

public static class LocalOutbox
{
    /// <summary>What the administrators' outbox page lists.</summary>
    public const int Listed = 500;

    /// <summary>How many texts a store keeps (as wave 1 did); older ones, with their numbers, are dropped as new ones arrive.</summary>
    public const int Kept = 500;
}
