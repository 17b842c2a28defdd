using System.Diagnostics;
using CrisisHub.Grains.Sms;
using CrisisHub.Grains.Telemetry;

namespace CrisisHub.Server.Sms;

/// <summary>
/// The gateway the text grains see: a canary's text goes to the local outbox whatever provider the node has (it must never
/// reach a real phone), every other text to the configured provider. Each send is measured (sent, failed by reason, how long
/// the provider took) and traced as a span under the text's grain call.
/// </summary>
/// <param name="local">The local outbox (<see cref="LocalOutboxGateway"/>), where a canary's texts always go.</param>
public sealed class MeasuredSmsGateway(ISmsGateway provider, string providerName, ISmsGateway local, CrisisHubMetrics metrics, TimeProvider time)
    : ISmsGateway
{
    public const string Local = "local";

    public async Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        var (gateway, name) = sms.Synthetic ? (local, Local) : (provider, providerName);
        using var span = CrisisHubTracing.Source.StartActivity("sms.send", ActivityKind.Client);
        span?.SetTag("crisishub.sms.provider", name);
        var started = time.GetTimestamp();
        SmsSendResult result;
        try
        {
            result = await gateway.SendAsync(sms, cancellationToken);
        }
        catch (Exception exception)
        {
            metrics.SmsProviderAnswered(name, "error", time.GetElapsedTime(started));
            metrics.SmsFailed(name, "unknown");
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        var outcome = result switch
        {
            SmsSendResult.Accepted => "accepted",
            SmsSendResult.Permanent => "permanent",
            SmsSendResult.Transient => "transient",
            _ => "unknown",
        };
        metrics.SmsProviderAnswered(name, outcome, time.GetElapsedTime(started));
        if (result is SmsSendResult.Accepted) metrics.SmsSent(name);
        else
        {
            metrics.SmsFailed(name, outcome);
            span?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        span?.SetTag("crisishub.sms.outcome", outcome);
        return result;
    }

    public Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken) =>
        (sms.Synthetic ? local : provider).FindAcceptedAsync(sms, attemptStartedAt, cancellationToken);
}
