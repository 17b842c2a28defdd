using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Hotlines;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Sms;

/// <summary>The person a text goes to. Language is theirs (responders' accounts), zh-CN otherwise.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SmsRecipient")]
public sealed record SmsRecipient(string RecipientId, string Name, ResponderRole Role, string Phone, string? AccountId, string Language);

/// <summary>
/// One text the escalation decided to send, keyed by (case, escalation run, step, round, recipient) so the
/// same decision taken twice is the same text.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SmsRequest")]
/// <param name="Synthetic">A canary's text: it goes to the local outbox, never to a provider or a real phone.</param>
/// <param name="Hotlines">
/// For a guardian: the parent lines of the student's district when the text was addressed, whose numbers end it (null for
/// everyone else, and for texts stored before the directory existed).
/// </param>
public sealed record SmsRequest(string MessageId, string CaseId, SmsRecipient Recipient, CrisisGrade Grade, string SchoolName, DateTimeOffset DecidedAt,
    SmsPurpose Purpose = SmsPurpose.Alert, bool Synthetic = false, MissingTextFacts? Missing = null, HotlineEntry[]? Hotlines = null);

/// <summary>
/// What the police text about a missing student carries besides the case code: when and where the student was last seen
/// and whom at the school to call. No name, signs or description (the place is the reporter's words; see the issue notes).
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.MissingTextFacts")]
public sealed record MissingTextFacts(DateTimeOffset LastSeenAt, string LastSeenPlace, string SchoolContactPhone);

/// <summary>Why a text is sent, which picks its words.</summary>
public enum SmsPurpose
{
    Alert = 0,
    /// <summary>A green-channel or return-to-school deadline passed unmet.</summary>
    ReferralOverdue = 1,
    /// <summary>Someone opened a case in an emergency (break-glass): its school's psychology centre is told at once.</summary>
    BreakGlass = 2,
    /// <summary>A student is missing: the school's police contact is told (the one purpose a police contact is texted for).</summary>
    MissingPolice = 3,
    /// <summary>A missing student was found: everyone texted about the case hears it.</summary>
    MissingFound = 4,
}

[GenerateSerializer, Immutable]
public sealed record SmsMessageView(string MessageId, string CaseId, string RecipientId, string Phone, string Body, SmsStatus Status,
    string? ProviderSid, int? ErrorCode, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a text's status change means for its case.</summary>
[GenerateSerializer, Immutable]
public sealed record SmsOutcome(string MessageId, string RecipientId, SmsStatus Status, int? ErrorCode, DateTimeOffset At);

/// <summary>One text as the case records it (no phone number, no body: the case view stays minimal).</summary>
[GenerateSerializer, Immutable]
public sealed record SmsDeliveryView(string MessageId, string RecipientId, string RecipientName, ResponderRole Role, int Firing, int Step, int Round,
    SmsStatus Status, int? ErrorCode)
{
    /// <summary>The text will not reach the person (the case page marks it); derived for the pages, never stored.</summary>
    public bool Unreachable => Status.IsUnreachable();
}

[GenerateSerializer, Immutable, Alias("CrisisHub.GuardianConfirmationView")]
public sealed record GuardianConfirmationView(string RecipientId, string Name, string MessageId, DateTimeOffset At);
