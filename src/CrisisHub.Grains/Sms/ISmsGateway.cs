namespace CrisisHub.Grains.Sms;

/// <summary>A text as the provider gets it. The attempt id travels in the status-callback URL.</summary>
/// <param name="Synthetic">A canary's text, which the host keeps in its local outbox whatever provider it has.</param>
[GenerateSerializer, Immutable]
public sealed record OutboundSms(string MessageId, string AttemptId, string To, string Body, TimeSpan ValidityPeriod, bool Synthetic = false);

/// <summary>What the provider said.</summary>
public abstract record SmsSendResult
{
    public sealed record Accepted(string ProviderSid) : SmsSendResult;

    /// <summary>Retrying will not help (invalid number, not a mobile, unsubscribed): the contact is unreachable.</summary>
    public sealed record Permanent(int ErrorCode, string Reason) : SmsSendResult;

    /// <summary>Not accepted, try later (rate limit, provider down), honouring RetryAfter if given.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter) : SmsSendResult;

    /// <summary>The request may or may not have been accepted (timeout): reconcile before sending again.</summary>
    public sealed record Unknown(string Reason) : SmsSendResult;
}

/// <summary>
/// The port through which texts leave CrisisHub. The host implements it with Twilio's REST API, or with a
/// local outbox when no credentials are configured.
/// </summary>
public interface ISmsGateway
{
    Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken);

    /// <summary>
    /// The provider's id of a text already accepted for this attempt, if any (crash reconciliation). Throws when
    /// the provider cannot be asked: answering "none" then would send the text a second time.
    /// </summary>
    Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken);
}
