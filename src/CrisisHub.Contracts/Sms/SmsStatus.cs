namespace CrisisHub.Contracts.Sms;

/// <summary>Where one text stands. Accepted, Sent, Delivered follow Twilio's message states.</summary>
public enum SmsStatus
{
    /// <summary>Recorded, waiting to be handed to the provider (or for quiet hours, throttling, a retry).</summary>
    Queued = 0,
    /// <summary>Handed to the provider; its answer is not recorded yet (a crash here is reconciled).</summary>
    Sending = 1,
    Accepted = 2,
    Sent = 3,
    Delivered = 4,
    Undelivered = 5,
    Failed = 6,
    /// <summary>The recipient replied STOP (or 退订): nothing is sent until START.</summary>
    Unsubscribed = 7,
}

public static class SmsStatuses
{
    /// <summary>Texts that will not reach the person: escalation must not wait on them.</summary>
    public static bool IsUnreachable(this SmsStatus status) =>
        status is SmsStatus.Undelivered or SmsStatus.Failed or SmsStatus.Unsubscribed;

    public static bool IsFinal(this SmsStatus status) => status is SmsStatus.Delivered || status.IsUnreachable();
}
