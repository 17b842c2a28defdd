using System.Reflection;
using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Server.Tests.Authorization;

/// <summary>
/// Every endpoint of the running app and every hub method, called by every kind of caller, inside and
/// outside the target's scope. The endpoints come from the app's own endpoint data source, so a new one
/// without a rule in <see cref="AccessMatrix"/> fails <see cref="EveryEndpointAndHubMethodHasARule"/>.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class AuthorizationMatrixTests(MatrixFixture matrix)
{
    [Fact]
    public void EveryEndpointAndHubMethodHasARule()
    {
        var endpoints = matrix.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText)}"))
            .Distinct().Order().ToList();
        var ruled = AccessMatrix.Http.Select(r => r.Key).Concat(AccessMatrix.HubTransport).ToHashSet();

        endpoints.Where(e => !ruled.Contains(e)).ShouldBeEmpty("every endpoint needs a rule in AccessMatrix");
        ruled.Where(r => !endpoints.Contains(r)).ShouldBeEmpty("a rule for an endpoint that no longer exists");

        var hubMethods = typeof(AlertHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(AlertHub)).Select(m => m.Name).Order().ToList();
        hubMethods.ShouldBe(AccessMatrix.Hub.Select(h => h.Method).Order().ToList(), "every hub method needs a rule in AccessMatrix");
    }

    [Fact]
    public void EveryAdministrativeRouteCarriesTheAdministratorsPolicy()
    {
        var admin = matrix.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => Normalise(e.RoutePattern.RawText).StartsWith(Admin.AdminPolicy.Prefix + "/", StringComparison.Ordinal)).ToList();

        admin.Count.ShouldBeGreaterThan(10);
        admin.Where(e => !e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == Admin.AdminPolicy.Name))
            .Select(e => e.RoutePattern.RawText).ShouldBeEmpty("map administrative routes with MapAdminGroup");
    }

    public static TheoryData<string> HttpRules() => [.. AccessMatrix.Http.Select(r => r.Key)];

    [Theory]
    [MemberData(nameof(HttpRules))]
    public async Task EachCallerGetsWhatTheRuleSays(string key)
    {
        var rule = AccessMatrix.Http.Single(r => r.Key == key);
        var failures = new List<string>();
        foreach (var caller in AccessMatrix.Callers)
        {
            using var request = await matrix.RequestAsync(rule, caller);
            using var response = await matrix.SendAsync(request, caller, rule.EndsSession);
            var allowed = rule.Allows(caller);
            var status = (int)response.StatusCode;
            var ok = allowed
                ? status is not (401 or 403 or 404) && status < 500
                : caller == AccessMatrix.Anonymous && !rule.IsPublic ? status == 401 : status is 401 or 403 or 404;
            if (!ok) failures.Add($"{caller}: {status} ({(allowed ? "expected access" : "expected refusal")}) {await response.Content.ReadAsStringAsync()}");
        }

        failures.ShouldBeEmpty($"{key}:\n{string.Join('\n', failures)}");
    }

    public static TheoryData<string> HubRules() => [.. AccessMatrix.Hub.Select(r => r.Method)];

    [Theory]
    [MemberData(nameof(HubRules))]
    public async Task EachCallerMayInvokeAHubMethodOnlyAsTheRuleSays(string method)
    {
        var rule = AccessMatrix.Hub.Single(r => r.Method == method);
        var failures = new List<string>();
        // Integration clients cannot open the hub at all (AnIntegrationClientCannotOpenTheHub).
        foreach (var caller in AccessMatrix.Callers.Where(c => c != AccessMatrix.Anonymous && !AccessMatrix.IsIntegrationClient(c)))
        {
            await using var connection = await matrix.ConnectAsync(caller);
            var arguments = rule.Arguments(matrix.Targets);
            var refused = false;
            try
            {
                await connection.InvokeCoreAsync(method, typeof(object), arguments);
            }
            catch (HubException)
            {
                refused = true;
            }

            if (refused == rule.Allows(caller)) failures.Add($"{caller}: {(refused ? "refused" : "allowed")}");
        }

        failures.ShouldBeEmpty($"{method}:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task AnAnonymousCallerCannotOpenTheHub()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(matrix.Factory.BaseAddress, "hubs/alerts")).Build();
        var refused = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnIntegrationClientCannotOpenTheHub()
    {
        foreach (var header in new[] { "Authorization", "X-Api-Key" })
        {
            var key = matrix.ApiKeyOf(AccessMatrix.IntegrationClient);
            var connection = new HubConnectionBuilder().WithUrl(new Uri(matrix.Factory.BaseAddress, "hubs/alerts"),
                o => o.Headers[header] = header == "Authorization" ? $"ApiKey {key}" : key).Build();
            var refused = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, header);
        }
    }

    /// <summary>
    /// An endpoint for integration clients carries their rate limit too (map it with RequireIntegrationClient): the audit
    /// and the Idempotency-Key check follow from the policy, the limit must be asked for.
    /// </summary>
    [Fact]
    public void EveryIntegrationRouteCarriesTheClientsRateLimit()
    {
        var integration = matrix.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(global::CrisisHub.Server.Integrations.IntegrationSetup.IsIntegrationEndpoint).ToList();

        integration.Count.ShouldBeGreaterThanOrEqualTo(2);
        integration.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName
                != global::CrisisHub.Server.Integrations.IntegrationRateLimit.Policy)
            .Select(e => e.RoutePattern.RawText).ShouldBeEmpty("map integration endpoints with RequireIntegrationClient()");
        integration.ShouldAllBe(e => Normalise(e.RoutePattern.RawText).StartsWith(global::CrisisHub.Server.Integrations.IntegrationClientEndpoints.Prefix + "/"));
    }

    /// <summary>Route templates as ASP.NET Core reports them, without constraints and with a leading slash.</summary>
    private static string Normalise(string? pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace((pattern ?? "").TrimStart('/'), @"\{([^}:=?]+)[^}]*\}", "{$1}").TrimEnd('/');
}
