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
/// The resilience pipeline retries 429 and 5xx, honouring Retry-After; a timeout is not retried here,
/// because the text may have been accepted: the text grain reconciles and then retries.
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

        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(MessagesPath, new FormUrlEncodedContent(fields), cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            await _health.FailedAsync();
            return new SmsSendResult.Transient("cannot connect to the provider", null);
        }

        using (response)
        {
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
    }

    public async Task<string?> FindAcceptedAsync(OutboundSms sms, DateTimeOffset attemptStartedAt, CancellationToken cancellationToken)
    {
        var day = attemptStartedAt.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await _http.GetAsync($"{MessagesPath}?To={Uri.EscapeDataString(sms.To)}&DateSent%3E={day}&PageSize=100", cancellationToken);
        var json = await ReadJsonAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || json?.TryGetProperty("messages", out var messages) != true) return null;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.TryGetProperty("body", out var body) && body.GetString() == sms.Body
                && message.TryGetProperty("to", out var to) && to.GetString() == sms.To)
                return message.GetProperty("sid").GetString();
        }

        return null;
    }

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
