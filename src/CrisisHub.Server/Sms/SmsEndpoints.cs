using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
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
        sms.MapGet("/outbox", async (HttpContext http, IGrainFactory grains, IOptions<TwilioOptions> twilio) =>
            Refusal(http, twilio.Value) ?? TypedResults.Ok(await grains.GetGrain<ILocalOutboxGrain>(LocalOutbox.Key).ListAsync()));
        // Lets a tester answer as a phone would, through the very code path of Twilio's inbound webhook.
        sms.MapPost("/simulated-replies", async (SimulatedReply reply, HttpContext http, InboundReplies replies, IOptions<TwilioOptions> twilio) =>
            Refusal(http, twilio.Value) ?? TypedResults.Ok(new { reply = await replies.HandleAsync(reply.From ?? "", reply.Body ?? "") }));
        return app;
    }

    private static IResult? Refusal(HttpContext http, TwilioOptions twilio)
    {
        if (CurrentUser.From(http.User).Role != ResponderRole.Admin)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Administrators only.");
        return twilio.Enabled
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Texts go through Twilio here; there is no local outbox.")
            : null;
    }
}
