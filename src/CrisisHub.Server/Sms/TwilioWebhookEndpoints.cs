using System.Security;
using CrisisHub.Contracts.Sms;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Sms;

/// <summary>
/// Twilio's callbacks. Both are anonymous HTTP but signed: the signature is checked over the public URL the
/// operator configured (a proxy may have rewritten the one we see), in constant time, with either token
/// during rotation. A bad signature gets 403, is logged without its body, and changes nothing.
/// </summary>
public static partial class TwilioWebhookEndpoints
{
    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup("/api/twilio").AllowAnonymous().WithTags("Twilio");
        twilio.MapPost("/status", StatusAsync);
        twilio.MapPost("/inbound", InboundAsync);
        return app;
    }

    private static async Task<IResult> StatusAsync(HttpContext http, IGrainFactory grains, IOptions<TwilioOptions> options, ILoggerFactory logs)
    {
        var fields = await VerifiedFieldsAsync(http, options.Value, logs);
        if (fields is null) return Forbidden();
        var messageId = http.Request.Query["m"].ToString();
        var sid = fields.GetValueOrDefault("MessageSid") ?? fields.GetValueOrDefault("SmsSid");
        if (messageId.Length is 0 or > 200 || sid is null || StatusOf(fields.GetValueOrDefault("MessageStatus")) is not { } status)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Not a message status callback.");
        int? code = int.TryParse(fields.GetValueOrDefault("ErrorCode"), out var c) ? c : null;
        await grains.GetGrain<ISmsMessageGrain>(messageId).ApplyProviderStatusAsync(sid, status, code);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> InboundAsync(HttpContext http, InboundReplies replies, IOptions<TwilioOptions> options, ILoggerFactory logs)
    {
        var fields = await VerifiedFieldsAsync(http, options.Value, logs);
        if (fields is null) return Forbidden();
        var answer = await replies.HandleAsync(fields.GetValueOrDefault("From") ?? "", fields.GetValueOrDefault("Body") ?? "");
        return TypedResults.Text(Twiml(answer), "text/xml; charset=utf-8");
    }

    public static string Twiml(string? message) => message is null
        ? """<?xml version="1.0" encoding="UTF-8"?><Response/>"""
        : $"""<?xml version="1.0" encoding="UTF-8"?><Response><Message>{SecurityElement.Escape(message)}</Message></Response>""";

    private static SmsStatus? StatusOf(string? twilioStatus) => twilioStatus switch
    {
        "accepted" or "queued" or "scheduled" => SmsStatus.Accepted,
        "sending" or "sent" => SmsStatus.Sent,
        "delivered" or "read" => SmsStatus.Delivered,
        "undelivered" => SmsStatus.Undelivered,
        "failed" or "canceled" => SmsStatus.Failed,
        _ => null,
    };

    private static async Task<Dictionary<string, string>?> VerifiedFieldsAsync(HttpContext http, TwilioOptions options, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger("CrisisHub.Twilio");
        if (!options.Enabled || string.IsNullOrEmpty(options.PublicBaseUrl) || !http.Request.HasFormContentType)
        {
            LogRejected(logger, http.Request.Path, "Twilio is not configured or the body is not a form");
            return null;
        }

        var form = await http.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var url = options.PublicBaseUrl.TrimEnd('/') + http.Request.Path + http.Request.QueryString;
        if (TwilioSignature.IsValid(http.Request.Headers[TwilioSignature.Header].ToString(), url, fields, options.AuthTokens)) return fields;
        LogRejected(logger, http.Request.Path, "bad or missing signature");
        return null;
    }

    private static IResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "The request is not signed by Twilio.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Twilio callback to {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, PathString path, string reason);
}
