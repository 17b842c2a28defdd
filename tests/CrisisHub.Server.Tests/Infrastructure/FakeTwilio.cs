using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CrisisHub.Server.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in for Twilio's Messages API on 127.0.0.1: checks Basic auth and form fields, answers with
/// real-shaped JSON (201 with an SM… sid; errors with code, message, more_info, status), can be told to answer
/// 429 with Retry-After, 500, 21211 or 21610, lists messages, and posts signed status callbacks and inbound texts.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-auth-token-0001";
    public const string SecondaryToken = "fake-auth-token-0002";
    public const string From = "+15005550006";
    /// <summary>What the operator configured as CrisisHub's public address (a proxy sits in front of the real one).</summary>
    public const string PublicBaseUrl = "https://crisishub.example.org";
    /// <summary>Script answer: accept and record the text, but answer only after the client has given up.</summary>
    public const int AcceptButAnswerLate = 999;

    public sealed record Message(string Sid, string To, string From, string Body, string? StatusCallback, string ValidityPeriod, DateTimeOffset Created);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Message> _messages = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _script = new();

    private FakeTwilio(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public IReadOnlyList<Message> Messages => [.. _messages];
    public int Requests;

    public IReadOnlyList<Message> To(string phone) => [.. _messages.Where(m => m.To == phone)];

    /// <summary>The next answers for texts to a number: 429, 500, or a Twilio error code (21211, 21610, …).</summary>
    public void Script(string phone, params int[] answers) => _script[phone] = new ConcurrentQueue<int>(answers);

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var twilio = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", (string sid, HttpContext http) => twilio.CreateAsync(sid, http));
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", (string sid, HttpContext http) => twilio.List(sid, http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        twilio.BaseAddress = new Uri(address);
        return twilio;
    }

    public static Dictionary<string, string> ServerSettings(FakeTwilio twilio) => ServerSettings(twilio.BaseAddress);

    /// <summary>CrisisHub configured for Twilio at this address (also one where nothing answers).</summary>
    public static Dictionary<string, string> ServerSettings(Uri apiBaseUrl) => new()
    {
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:SecondaryAuthToken"] = SecondaryToken,
        ["Twilio:From"] = From,
        ["Twilio:PublicBaseUrl"] = PublicBaseUrl,
        ["Twilio:ApiBaseUrl"] = apiBaseUrl.ToString(),
        ["Twilio:RetryBaseDelay"] = "00:00:00.050",
        ["Twilio:MessagesPerSecond"] = "50",
        ["Twilio:AttemptTimeout"] = "00:00:02",
    };

    private async Task<IResult> CreateAsync(string sid, HttpContext http)
    {
        Interlocked.Increment(ref Requests);
        if (!Authorized(sid, http)) return Error(401, 20003, "Authenticate");
        var form = await http.Request.ReadFormAsync();
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        if (Field("To") is not { Length: > 0 } to) return Error(400, 21604, "A 'To' phone number is required.");
        if (Field("Body") is not { Length: > 0 } body) return Error(400, 21602, "Message body is required.");
        if (Field("From") is not { Length: > 0 } && Field("MessagingServiceSid") is not { Length: > 0 })
            return Error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
        if (_script.TryGetValue(to, out var answers) && answers.TryDequeue(out var answer))
        {
            if (answer == AcceptButAnswerLate)
            {
                var late = new Message($"SM{Guid.NewGuid():N}", to, Field("From") ?? From, body, Field("StatusCallback"), Field("ValidityPeriod") ?? "", DateTimeOffset.UtcNow);
                _messages.Enqueue(late);
                await Task.Delay(TimeSpan.FromSeconds(4));
                return Results.Json(Json(late), statusCode: 201);
            }

            if (answer == 429)
            {
                http.Response.Headers.RetryAfter = "1";
                return Error(429, 20429, "Too Many Requests");
            }

            if (answer == 500) return Error(500, 20500, "Internal Server Error");
            return Error(400, answer, answer == 21211 ? $"The 'To' number {to} is not a valid phone number." : "Attempt to send to unsubscribed recipient");
        }

        var message = new Message($"SM{Guid.NewGuid():N}", to, Field("From") ?? From, body, Field("StatusCallback"), Field("ValidityPeriod") ?? "", DateTimeOffset.UtcNow);
        _messages.Enqueue(message);
        return Results.Json(Json(message), statusCode: 201);
    }

    private IResult List(string sid, HttpContext http)
    {
        if (!Authorized(sid, http)) return Error(401, 20003, "Authenticate");
        var to = http.Request.Query["To"].ToString();
        return Results.Json(new { messages = _messages.Where(m => to.Length == 0 || m.To == to).Select(Json).ToArray(), page = 0, page_size = 100 });
    }

    private static bool Authorized(string sid, HttpContext http) =>
        sid == AccountSid && AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var auth) && auth.Scheme == "Basic"
        && Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter ?? "")) == $"{AccountSid}:{AuthToken}";

    private static object Json(Message m) => new
    {
        sid = m.Sid, account_sid = AccountSid, to = m.To, from = m.From, body = m.Body, status = "queued", num_segments = "1",
        date_created = m.Created.ToString("r", CultureInfo.InvariantCulture), direction = "outbound-api", api_version = "2010-04-01",
        uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{m.Sid}.json",
    };

    private static IResult Error(int status, int code, string message) => Results.Json(
        new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    /// <summary>Posts a status callback to CrisisHub as Twilio would: to the real address, signed over the public URL.</summary>
    public async Task<HttpResponseMessage> PostStatusAsync(Uri crisisHub, Message message, string status, int? errorCode = null, string token = AuthToken)
    {
        var fields = new Dictionary<string, string> { ["MessageSid"] = message.Sid, ["MessageStatus"] = status, ["AccountSid"] = AccountSid, ["To"] = message.To, ["From"] = message.From };
        if (errorCode is { } code) fields["ErrorCode"] = code.ToString(CultureInfo.InvariantCulture);
        var pathAndQuery = new Uri(message.StatusCallback!).PathAndQuery;
        return await PostSignedAsync(crisisHub, pathAndQuery, fields, token);
    }

    /// <summary>An inbound text from a phone to CrisisHub's number, signed as Twilio signs it.</summary>
    public Task<HttpResponseMessage> SendInboundAsync(Uri crisisHub, string from, string body, string token = AuthToken) =>
        PostSignedAsync(crisisHub, "/api/twilio/inbound", new Dictionary<string, string>
        {
            ["MessageSid"] = $"SM{Guid.NewGuid():N}", ["AccountSid"] = AccountSid, ["From"] = from, ["To"] = From, ["Body"] = body, ["NumMedia"] = "0",
        }, token);

    public static async Task<HttpResponseMessage> PostSignedAsync(Uri crisisHub, string pathAndQuery, Dictionary<string, string> fields, string? token, string? signedUrl = null)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(crisisHub, pathAndQuery)) { Content = new FormUrlEncodedContent(fields) };
        if (token is not null)
            request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(token, signedUrl ?? PublicBaseUrl + pathAndQuery, fields));
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
