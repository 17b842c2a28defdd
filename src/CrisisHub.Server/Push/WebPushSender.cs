using System.Net;
using CrisisHub.Contracts.Push;
using CrisisHub.Server.Sms;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Push;

/// <summary>How a push service answered one push.</summary>
public enum PushOutcome
{
    /// <summary>Taken (201, or 200/202 from some services): the service delivers it when the phone is reachable.</summary>
    Delivered,
    /// <summary>404 or 410: the subscription no longer exists (the browser unsubscribed, the app was removed).</summary>
    Gone,
    /// <summary>Refused (429, 5xx, 4xx such as a rejected VAPID token) or no answer: counted in the channel's health.</summary>
    Failed,
}

/// <summary>
/// Sends one push to one device with Lib.Net.Http.WebPush: the payload encrypted to the device's keys (RFC 8291,
/// aes128gcm), a VAPID token signed with the server's key (RFC 8292), TTL, urgency and topic (RFC 8030). A typed HttpClient,
/// so tests point it at a push service of their own on 127.0.0.1.
/// </summary>
public sealed partial class WebPushSender(HttpClient http, VapidSigner signer, IOptions<WebPushOptions> options, ILogger<WebPushSender> logger)
{
    private readonly PushServiceClient _client = new(http)
    {
        // A 429 is a failure to count and to leave to the next step; the client's own retry would sleep on the real clock.
        AutoRetryAfter = false,
        DefaultAuthentication = signer.Authentication,
    };

    public async Task<PushOutcome> SendAsync(PushDevice device, AlertPush push, CancellationToken cancellationToken)
    {
        if (signer.Authentication is null || !options.Value.Admits(device.Endpoint)) return PushOutcome.Failed;
        var subscription = new PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        var message = new PushMessage(push.ToJson())
        {
            Topic = push.Topic,
            Urgency = push.Urgent ? PushMessageUrgency.High : PushMessageUrgency.Normal,
            TimeToLive = options.Value.TimeToLiveSeconds,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, timeout.Token);
            return PushOutcome.Delivered;
        }
        catch (PushServiceClientException exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return PushOutcome.Gone;
        }
        catch (PushServiceClientException exception)
        {
            // The host only: an endpoint's path is the device's address at its push service.
            LogRefused(new Uri(device.Endpoint).Host, (int)exception.StatusCode);
            return PushOutcome.Failed;
        }
        catch (Exception exception) when (ProviderFailures.Unreachable(exception, cancellationToken))
        {
            LogUnreachable(new Uri(device.Endpoint).Host, exception.GetType().Name);
            return PushOutcome.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push service {PushHost} refused a push: {Status}")]
    private partial void LogRefused(string pushHost, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push service {PushHost} did not answer: {Error}")]
    private partial void LogUnreachable(string pushHost, string error);
}
