using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Identity;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Sms;

public sealed record SimulatedReply(string? From, string? Body);

/// <summary>The local outbox and simulated replies (embedded default only), and the SMS channel's health.</summary>
public static class SmsEndpoints
{
    public static IEndpointRouteBuilder MapSmsEndpoints(this IEndpointRouteBuilder app)
    {
        var sms = app.MapGroup("/api/sms").WithTags("SMS");
        sms.MapGet("/health", (SmsHealth health) => TypedResults.Ok(health.View));
        sms.MapGet("/outbox", ReadOutboxAsync);
        // Lets a tester answer as a phone would, through the very code path of Twilio's inbound webhook.
        sms.MapPost("/simulated-replies", SimulateReplyAsync);
        return app;
    }

    /// <summary>Every text with its number and body: the read is recorded in the administrator's district log before the list is answered.</summary>
    private static async Task<IResult> ReadOutboxAsync(HttpContext http, IGrainFactory grains, ILocalOutbox outbox, IOptions<TwilioOptions> twilio)
    {
        if (await RefusalAsync(grains, http, twilio.Value) is { } refusal) return refusal;
        var texts = await outbox.LatestAsync(LocalOutbox.Listed);
        await AdminAudit.RecordAsync(grains, http, await HomeDistrictAsync(grains, http), AdminAuditActions.SmsOutboxRead, "sms:outbox", null,
            new { texts = texts.Length, messages = texts.Select(t => t.MessageId).Distinct().ToArray() });
        return TypedResults.Ok(texts);
    }

    private static async Task<string> HomeDistrictAsync(IGrainFactory grains, HttpContext http) =>
        (await AdminAccounts.AdminAsync(grains, CurrentUser.From(http.User))).Nodes.First(n => n is { Level: NetworkLevel.District })!.DistrictId;

    /// <summary>A simulated reply confirms and unsubscribes like a real one, so it is an administrative act on the record.</summary>
    private static async Task<IResult> SimulateReplyAsync(SimulatedReply reply, HttpContext http, InboundReplies replies, IOptions<TwilioOptions> twilio,
        IGrainFactory grains)
    {
        if (await RefusalAsync(grains, http, twilio.Value) is { } refusal) return refusal;
        // Recorded in the log of the administrator's own district: a phone number belongs to no one district.
        var home = await HomeDistrictAsync(grains, http);
        var answer = await replies.HandleAsync(reply.From ?? "", reply.Body ?? "");
        await AdminAudit.RecordAsync(grains, http, home, AdminAuditActions.SmsReplySimulated, $"sms:{(reply.From ?? "")[..Math.Min((reply.From ?? "").Length, 64)]}",
            null, new { from = reply.From, body = reply.Body, reply = answer });
        return TypedResults.Ok(new { reply = answer });
    }

    /// <summary>
    /// The local outbox holds every text of the installation, phone numbers included: only a district's
    /// administrators (the embedded demo's operators) see it or answer for a phone.
    /// </summary>
    private static async Task<IResult?> RefusalAsync(IGrainFactory grains, HttpContext http, TwilioOptions twilio)
    {
        var user = CurrentUser.From(http.User);
        if (user.Role != ResponderRole.Admin || AccountRules.LevelOf(await AdminAccounts.AdminAsync(grains, user)) != AdminLevel.District)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "District administrators only.");
        return twilio.Enabled
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Texts go through Twilio here; there is no local outbox.")
            : null;
    }
}
