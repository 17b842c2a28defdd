using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// The integration clients' plumbing: the API key scheme and its policy, the per-client rate limiter, and the two
/// middlewares every endpoint under the policy gets without asking (each call audited; an Idempotency-Key on every change).
/// </summary>
public static class IntegrationSetup
{
    public static WebApplicationBuilder AddCrisisHubIntegrations(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, IntegrationAuthenticationHandler>(IntegrationCaller.Scheme, "Integration client API key", _ => { });
        // The key scheme only: a person's cookie or token is not looked at here, and the fallback (person) policy names the
        // session scheme only, so a key passes no person's endpoint. The client-id claim is what only this handler issues.
        builder.Services.AddAuthorizationBuilder().AddPolicy(IntegrationCaller.Policy, p => p
            .AddAuthenticationSchemes(IntegrationCaller.Scheme).RequireAuthenticatedUser().RequireClaim(IntegrationCaller.ClientIdClaim));
        builder.Services.AddRateLimiter(o => o.AddPolicy<string, IntegrationRateLimit>(IntegrationRateLimit.Policy));
        return builder;
    }

    /// <summary>Whether the endpoint is one an integration client calls (it carries <see cref="IntegrationCaller.Policy"/>).</summary>
    public static bool IsIntegrationEndpoint(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == IntegrationCaller.Policy) == true;
}

public static class IntegrationEndpointConventions
{
    /// <summary>
    /// What every integration endpoint carries: the client policy and the client's rate limit. (Audit and the
    /// Idempotency-Key check follow from the policy alone; see <see cref="IntegrationCallAudit"/> and <see cref="IntegrationIdempotency"/>.)
    /// </summary>
    public static TBuilder RequireIntegrationClient<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(IntegrationCaller.Policy).RequireRateLimiting(IntegrationRateLimit.Policy);
}
