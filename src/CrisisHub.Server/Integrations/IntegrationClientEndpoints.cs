using System.Security.Cryptography;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Server.Flags;
using Orleans.Runtime;

namespace CrisisHub.Server.Integrations;

/// <summary>Who the key says the caller is: for an integrator checking a new key before sending anything real.</summary>
public sealed record WhoAmIResponse(string ClientId, string Name, IntegrationClientKind Kind, string DistrictId, string[] SchoolIds,
    IntegrationPermission[] Permissions, DateTimeOffset ServerTime);

/// <summary>
/// The echo of a ping: the idempotency key and the SHA-256 of the body as the server received them, whether a signature was
/// verified, and the server's time (to compare the client's clock with the replay window).
/// </summary>
public sealed record PingResponse(string ClientId, string IdempotencyKey, string BodySha256, bool Signed, DateTimeOffset ServerTime);

/// <summary>
/// The two endpoints every integrator can call whatever its permissions: whoami (is my key right?) and ping (is my POST
/// right: Idempotency-Key, body, signature?). Neither stores anything beyond the call's audit record.
/// </summary>
public static class IntegrationClientEndpoints
{
    public const string Prefix = "/api/integrations";

    public static IEndpointRouteBuilder MapIntegrationClientEndpoints(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup(Prefix).RequireIntegrationClient().WithTags("Integrations");
        clients.MapGet("/whoami", (HttpContext http, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) =>
        {
            var caller = IntegrationCaller.From(http.User);
            return TypedResults.Ok(new WhoAmIResponse(caller.ClientId, caller.Name, caller.Kind, caller.DistrictId, caller.SchoolIds, caller.Permissions,
                time.GetUtcNow()));
        });
        clients.MapPost("/ping", async (HttpContext http, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) =>
        {
            var caller = IntegrationCaller.From(http.User);
            // Hashed as it streams (a signed request's body was buffered by the key check; an unsigned one is read once here).
            if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
            var bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted));
            return TypedResults.Ok(new PingResponse(caller.ClientId, http.Request.Headers[IdempotencyKey.Header].ToString(), bodyHash,
                http.Features.Get<IntegrationCallFeature>()?.Signed == true, time.GetUtcNow()));
        });
        return app;
    }
}
