using CrisisHub.Contracts;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Push;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Push;

public sealed record PushKeysRequest(string? P256dh, string? Auth);

/// <summary>A browser's PushSubscription as its toJSON() gives it, with a label the person's page makes ("Android · Chrome").</summary>
public sealed record PushSubscribeRequest(string? Endpoint, PushKeysRequest? Keys, string? Label);

public sealed record PushUnsubscribeRequest(string? Endpoint);

public sealed record PushKeyView(bool Enabled, string? PublicKey);

public sealed record PushDeviceView(string Endpoint, string Service, string Label, DateTimeOffset SubscribedAt);

/// <summary>
/// A person's Web Push devices. Every call acts on the caller's own account (the grain keyed by their user name), whatever the
/// body names; only people who get alerts (case handlers) may subscribe.
/// </summary>
public static class PushEndpoints
{
    /// <summary>An endpoint's grain key: its SHA-256 (an endpoint is a long URL, and its path is the device's address).</summary>
    public static string PushEndpointKey(string endpoint) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(endpoint)));

    public static IEndpointRouteBuilder MapPushEndpoints(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/push").WithTags("Web Push");
        push.MapGet("/key", (VapidKeys keys) => TypedResults.Ok(new PushKeyView(keys.On, keys.PublicKey)));
        push.MapGet("/health", (PushHealth health) => TypedResults.Ok(health.View));
        push.MapGet("/devices", async (HttpContext http, IGrainFactory grains) =>
        {
            var devices = await grains.GetGrain<IPushDevicesGrain>(CurrentUser.From(http.User).UserName).ListAsync();
            return TypedResults.Ok(devices.Select(d => new PushDeviceView(d.Endpoint, new Uri(d.Endpoint).Host, d.Label, d.SubscribedAt)).ToArray());
        });
        push.MapPost("/devices", SubscribeAsync);
        push.MapPost("/devices/remove", async (PushUnsubscribeRequest request, HttpContext http, IGrainFactory grains) =>
        {
            if (string.IsNullOrWhiteSpace(request.Endpoint)) throw DomainRuleException.Invalid("endpoint", "is required: the subscription's endpoint");
            // Removing a device already gone is what was asked for: a repeat (or a page signing out twice) answers the same.
            await grains.GetGrain<IPushDevicesGrain>(CurrentUser.From(http.User).UserName).RemoveAsync(request.Endpoint);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<IResult> SubscribeAsync(PushSubscribeRequest request, HttpContext http, IGrainFactory grains, VapidKeys keys,
        IOptions<WebPushOptions> options, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        if (!user.Role.HandlesCases()) return Scoped.RoleRefused("Your role gets no alerts, so it has nothing to be pushed.");
        if (!keys.On)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Web Push is off",
                detail: "This server sends no Web Push: alerts reach you in the inbox and by SMS.");
        if (PushRules.Problem(request.Endpoint, request.Keys?.P256dh, request.Keys?.Auth, request.Label) is { } problem)
            throw DomainRuleException.Invalid(problem.Field, problem.Message);
        if (!options.Value.Admits(request.Endpoint!))
            throw DomainRuleException.Invalid("endpoint", $"must be at a browser's push service; allowed: {string.Join(", ", options.Value.EffectiveHosts)}");

        var device = new PushDevice(request.Endpoint!, request.Keys!.P256dh!.TrimEnd('='), request.Keys.Auth!.TrimEnd('='), request.Label?.Trim() ?? "",
            time.GetUtcNow(), http.User.FindFirstValue(SessionStamps.StampClaim), keys.PublicKey);
        // One phone, one person: a phone someone else turned alerts on for before stops getting theirs.
        var previous = await grains.GetGrain<IPushEndpointGrain>(PushEndpointKey(device.Endpoint)).ClaimAsync(user.UserName);
        if (previous is not null) await grains.GetGrain<IPushDevicesGrain>(previous).RemoveAsync(device.Endpoint);
        await grains.GetGrain<IPushDevicesGrain>(user.UserName).AddAsync(device);
        return TypedResults.Created("/api/push/devices", new PushDeviceView(device.Endpoint, new Uri(device.Endpoint).Host, device.Label, device.SubscribedAt));
    }
}
