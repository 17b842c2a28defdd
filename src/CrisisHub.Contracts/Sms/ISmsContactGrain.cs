using CrisisHub.Contracts.Audit;

namespace CrisisHub.Contracts.Sms;

/// <summary>A text we sent to this phone that a reply can refer to.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ReplyTarget")]
public sealed record ReplyTarget(string Code, string MessageId, string CaseId, SmsRecipient Recipient, DateTimeOffset SentAt);

public enum InboundKind
{
    /// <summary>We never texted this number: no reply at all.</summary>
    Unknown = 0,
    Acknowledge = 1,
    Stop = 2,
    Start = 3,
    NotUnderstood = 4,
}

/// <summary>What an inbound text means, and whether an automatic answer may go back (loop guard).</summary>
[GenerateSerializer, Immutable]
public sealed record InboundDecision(InboundKind Kind, ReplyTarget? Target, bool MayReply, string Language);

/// <summary>
/// One phone number (keyed by E.164): the reply codes of the texts sent to it, its STOP/START state, the
/// automatic replies sent to it (at most a few an hour), and when it last got a General text (throttling).
/// </summary>
public interface ISmsContactGrain : IGrainWithStringKey
{
    /// <summary>A four-digit code unique among this phone's recent texts.</summary>
    Task<ReplyTarget> AssignReplyCodeAsync(string messageId, string caseId, SmsRecipient recipient, DateTimeOffset sentAt);

    Task<InboundDecision> InterpretAsync(string body, DateTimeOffset receivedAt);

    /// <summary>
    /// True when the number has opted out (STOP, even before its first text, or the provider's 21610): the text
    /// must not be sent, and the contact remembers its case so that START shows the recipient reachable again.
    /// </summary>
    Task<bool> WithholdIfUnsubscribedAsync(string caseId, string recipientId);

    /// <summary>A provider refusal that will not change by retrying (21610 unsubscribed, 21211 invalid, 21614 not mobile).</summary>
    Task MarkUnreachableAsync(int errorCode);

    /// <summary>When a General text may next go out to this phone (Severe and Major are never throttled).</summary>
    Task<DateTimeOffset> ReserveGeneralSlotAsync(DateTimeOffset earliest, TimeSpan spacing);
}
