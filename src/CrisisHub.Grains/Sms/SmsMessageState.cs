using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Sms;

[GenerateSerializer, Alias("CrisisHub.SmsMessageState")]
public sealed class SmsMessageState
{
    [Id(0)] public SmsRequest? Request { get; set; }
    [Id(1)] public string Body { get; set; } = "";
    [Id(2)] public string ReplyCode { get; set; } = "";
    [Id(3)] public SmsStatus Status { get; set; }

    /// <summary>
    /// Set, and written, before every call to the provider. Finding it still set with status Sending means the
    /// outcome of that call was never recorded: the provider is asked before anything is sent again.
    /// </summary>
    [Id(4)] public string? AttemptId { get; set; }
    [Id(5)] public DateTimeOffset? AttemptStartedAt { get; set; }
    [Id(6)] public int Attempts { get; set; }
    [Id(7)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(8)] public string? ProviderSid { get; set; }
    [Id(9)] public int? ErrorCode { get; set; }
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Failed sends and failed look-ups since the text was queued: the exponent of the back-off.</summary>
    [Id(12)] public int Failures { get; set; }
}
