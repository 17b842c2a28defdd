using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Integrations;

/// <summary>A registration as an administrator sends it; <see cref="RateLimitPerMinute"/> defaults to <see cref="IntegrationRules.DefaultRateLimitPerMinute"/>.</summary>
public sealed record IntegrationRegistrationRequest(string? Name, IntegrationClientKind? Kind, string[]? SchoolIds, IntegrationPermission[]? Permissions,
    int? RateLimitPerMinute, bool SignatureRequired);

/// <summary>How long the key being replaced keeps working (hours, default 24, at most 168); 0 ends it at once.</summary>
public sealed record IntegrationRotateRequest(double? OverlapHours);

/// <summary>
/// A district's integration clients, for the administrators of that district only (a school administrator has none: a
/// client may post for several schools). Register, rotate and revoke are chained into the district's admin audit log,
/// without the key or the secret; the new key is in the answer to register and rotate, and nowhere else.
/// </summary>
public static class IntegrationAdminEndpoints
{
    public const int CallsShown = 200;
    private const string What = "integration clients";

    public static IEndpointRouteBuilder MapIntegrationAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/districts/{districtId}/integrations").WithTags("Admin");
        admin.MapGet("", async Task<IResult> (string districtId, IGrainFactory grains, HttpContext http) =>
            await AdminScope.DistrictAsync(grains, http, districtId, What) is { } refusal
                ? refusal
                : TypedResults.Ok(await grains.GetGrain<IIntegrationClientListGrain>(districtId).ListAsync()));
        admin.MapPost("", RegisterAsync);
        admin.MapPost("/{clientId}/rotate", RotateAsync);
        admin.MapPost("/{clientId}/revoke", RevokeAsync);
        admin.MapGet("/{clientId}/calls", async Task<IResult> (string districtId, string clientId, IGrainFactory grains, HttpContext http) =>
        {
            var (_, refusal) = await ClientAsync(grains, http, districtId, clientId);
            return refusal ?? TypedResults.Ok(await grains.GetGrain<IIntegrationCallsGrain>(clientId).ListAsync(CallsShown));
        });
        return app;
    }

    private static async Task<IResult> RegisterAsync(string districtId, IntegrationRegistrationRequest request, IGrainFactory grains, HttpContext http)
    {
        if (await AdminScope.DistrictAsync(grains, http, districtId, What) is { } refusal) return refusal;
        // A kind left out is not a screening platform by default: the administrator says what the system is.
        if (request.Kind is not { } kind)
            throw DomainRuleException.Invalid("kind", $"is required: one of {string.Join(", ", Enum.GetNames<IntegrationClientKind>())}");
        var registration = new IntegrationClientRegistration(request.Name?.Trim() ?? "", kind, request.SchoolIds ?? [], request.Permissions ?? [],
            request.RateLimitPerMinute ?? IntegrationRules.DefaultRateLimitPerMinute, request.SignatureRequired);
        var issued = await grains.GetGrain<IIntegrationClientListGrain>(districtId).RegisterAsync(registration, CurrentUser.From(http.User).UserName);
        await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.IntegrationClientRegistered, Target(issued.Client.ClientId), null,
            Audited(issued.Client, issued.Credentials.KeyId));
        return TypedResults.Created($"{AdminPolicy.Prefix}/districts/{districtId}/integrations/{issued.Client.ClientId}", issued);
    }

    private static async Task<IResult> RotateAsync(string districtId, string clientId, IntegrationRotateRequest? request, IGrainFactory grains, HttpContext http)
    {
        var (before, refusal) = await ClientAsync(grains, http, districtId, clientId);
        if (refusal is not null) return refusal;
        var hours = request?.OverlapHours ?? IntegrationRules.DefaultOverlap.TotalHours;
        if (!double.IsFinite(hours) || hours < 0 || hours > IntegrationRules.MaxOverlap.TotalHours)
            throw DomainRuleException.Invalid("overlapHours", $"must be from 0 to {IntegrationRules.MaxOverlap.TotalHours:0} hours");
        var issued = await grains.GetGrain<IIntegrationClientGrain>(clientId).RotateAsync(TimeSpan.FromHours(hours));
        await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.IntegrationKeyRotated, Target(clientId),
            Audited(before!, null), Audited(issued.Client, issued.Credentials.KeyId));
        return TypedResults.Ok(issued);
    }

    private static async Task<IResult> RevokeAsync(string districtId, string clientId, IGrainFactory grains, HttpContext http)
    {
        var (before, refusal) = await ClientAsync(grains, http, districtId, clientId);
        if (refusal is not null) return refusal;
        var revoked = await grains.GetGrain<IIntegrationClientGrain>(clientId).RevokeAsync();
        if (before!.RevokedAt is null)
            await AdminAudit.RecordAsync(grains, http, districtId, AdminAuditActions.IntegrationClientRevoked, Target(clientId), Audited(before, null),
                Audited(revoked, null));
        return TypedResults.Ok(revoked);
    }

    /// <summary>The district administrator's refusal, or the client when it is one of this district's (404 otherwise: ids are not probed).</summary>
    private static async Task<(IntegrationClientView? Client, IResult? Refusal)> ClientAsync(IGrainFactory grains, HttpContext http, string districtId, string clientId)
    {
        if (await AdminScope.DistrictAsync(grains, http, districtId, What) is { } refusal) return (null, refusal);
        var client = IntegrationKeys.IsClientId(clientId) ? await grains.GetGrain<IIntegrationClientGrain>(clientId).GetAsync() : null;
        return client is not null && client.DistrictId == districtId ? (client, null) : (null, Scoped.NotFound("integration client"));
    }

    private static string Target(string clientId) => $"integration:{clientId}";

    /// <summary>The client as the admin log keeps it: what it may do and which keys live, never a key, hash or secret.</summary>
    private static object Audited(IntegrationClientView client, string? newKeyId) => new
    {
        client.Name, client.Kind, client.SchoolIds, client.Permissions, client.RateLimitPerMinute, client.SignatureRequired,
        Keys = client.Keys.Select(k => new { k.KeyId, k.ExpiresAt }), client.RevokedAt, NewKeyId = newKeyId,
    };
}
