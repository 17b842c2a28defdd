using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using CrisisHub.Grains.Sms;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Sms;

/// <summary>
/// Twilio's documented REST API over a typed HttpClient (the Twilio package is not in our registry).
/// The resilience pipeline retries 429, 5xx and requests that never left, honouring Retry-After; a timeout is
/// not retried here, because the text may have been accepted: the text grain reconciles and then retries.
/// Every failure to reach Twilio (name resolution, connection, TLS, reset, timeout) counts towards SMS health.
/// </summary>
/// <remarks>
/// A typed client, so it is transient: each text grain activation gets its own, disposed with the
/// activation's service scope. The sender queue it waits on is shared.
/// </remarks>
public sealed partial class TwilioSmsGateway : ISmsGateway
{
    private readonly HttpClient _http;
    private readonly TwilioOptions _options;
    private readonly SmsHealth _health;
    private readonly ILogger<TwilioSmsGateway> _logger;
    private readonly TwilioSenderQueue _sender;

    public TwilioSmsGateway(HttpClient http, IOptions<TwilioOptions> options, SmsHealth health, TwilioSenderQueue sender, ILogger<TwilioSmsGateway> logger)
    {
        _http = http;
        _options = options.Value;
        _health = health;
        _sender = sender;
        _logger = logger;
        _http.BaseAddress = new Uri(_options.ApiBaseUrl.TrimEnd('/') + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.AccountSid}:{_options.AuthToken}")));
    }

    private string MessagesPath => $"2010-04-01/Accounts/{_options.AccountSid}/Messages.json";

    public async Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        using var lease = await _sender.Limiter.AcquireAsync(1, cancellationToken);
        var fields = new Dictionary<string, string>
        {
            ["To"] = sms.To,
            ["Body"] = sms.Body,
            ["ValidityPeriod"] = ((int)sms.ValidityPeriod.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(_options.MessagingServiceSid)) fields["MessagingServiceSid"] = _options.MessagingServiceSid;
        else fields["From"] = _options.From ?? "";
        if (!string.IsNullOrEmpty(_options.PublicBaseUrl))
            fields["StatusCallback"] = $"{_options.PublicBaseUrl.TrimEnd('/')}/api/twilio/status?m={Uri.EscapeDataString(sms.MessageId)}";

        try
        {
            using var response = await _http.PostAsync(MessagesPath, new FormUrlEncodedContent(fields), cancellationToken);
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode && json?.TryGetProperty("sid", out var sid) == true)
            {
                await _health.SucceededAsync();
                return new SmsSendResult.Accepted(sid.GetString()!);
            }

            var code = json?.TryGetProperty("code", out var c) == true && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                await _health.FailedAsync();
                return new SmsSendResult.Transient($"HTTP {(int)response.StatusCode}", response.Headers.RetryAfter?.Delta);
            }

            // A 4xx is about this text (number, content) and will not change by retrying.
            LogRefused((int)response.StatusCode, code, sms.MessageId);
            return new SmsSendResult.Permanent(code, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (ProviderFailures.Unreachable(e, cancellationToken))
        {
            // Every way of not reaching the provider counts towards "SMS degraded", not only a refused connection.
            await _health.FailedAsync();
            LogUnreachable(sms.MessageId, Describe(e));
            // Only a request that never left can be repeated blindly; after a timeout or a reset the text may be
            // at the provider, so the grain looks it up before sending again.
            return ProviderFailures.NothingSent(e)
                ? new SmsSendResult.Transient(Describe(e), null)
                : new SmsSendResult.Unknown(Describe(e));
        }
    }

    /// <summary>Throws when the provider cannot be asked: "not found" would make the grain send the text again.</summary>
    public async Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken)
    {
        var day = attemptStartedAt.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        HttpResponseMessage? response = null;
        JsonElement? json;
        try
        {
            response = await _http.GetAsync($"{MessagesPath}?To={Uri.EscapeDataString(sms.To)}&DateSent%3E={day}&PageSize=100", cancellationToken);
            json = await ReadJsonAsync(response, cancellationToken);
        }
        catch (Exception e) when (ProviderFailures.Unreachable(e, cancellationToken))
        {
            response?.Dispose();
            await _health.FailedAsync();
            LogUnreachable(sms.MessageId, Describe(e));
            throw;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500) await _health.FailedAsync();
            if (!response.IsSuccessStatusCode || json?.TryGetProperty("messages", out var messages) != true)
                throw new HttpRequestException($"the message list answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
            await _health.SucceededAsync();
            return messages.EnumerateArray().FirstOrDefault(m => m.TryGetProperty("body", out var body) && body.GetString() == sms.Body
                && m.TryGetProperty("to", out var to) && to.GetString() == sms.To) is { ValueKind: JsonValueKind.Object } found
                ? found.GetProperty("sid").GetString()
                : null;
        }
    }

    /// <summary>The kind of failure only: exception messages can carry the URL, and the lookup's URL carries the number.</summary>
    private static string Describe(Exception e) => e is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } h
        ? h.HttpRequestError.ToString()
        : e.GetType().Name;

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused text {MessageId}: HTTP {Status}, error {Code}")]
    private partial void LogRefused(int status, int code, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio could not be reached for text {MessageId}: {Failure}")]
    private partial void LogUnreachable(string messageId, string failure);
}

/// <summary>Per-sender throughput: texts queue for their turn; none is dropped.</summary>
public sealed class TwilioSenderQueue(IOptions<TwilioOptions> options) : IDisposable
{
    public TokenBucketRateLimiter Limiter { get; } = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, options.Value.MessagesPerSecond),
        TokensPerPeriod = Math.Max(1, options.Value.MessagesPerSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public void Dispose() => Limiter.Dispose();
}
