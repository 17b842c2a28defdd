using System.Net;
using System.Net.Http.Headers;
using CrisisHub.Server.Operations;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>
/// /metrics is Prometheus text for loopback, the configured networks and the bearer token, and a 403 problem for anyone
/// else, including a request that came through a proxy the node does not trust.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class MetricsEndpointTests(ObservedServer server) : IClassFixture<ObservedServer>
{
    [Fact]
    public async Task ALoopbackScraperGetsPrometheusTextWithCrisisHubsOrleansAndAspNetCoresMetrics()
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        (await (await server.SignInAsync("ts1-g1-c1-teacher")).Http.GetAsync("api/alerts")).EnsureSuccessStatusCode();
        var response = await http.GetAsync("metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("crisishub_storage_write_duration_seconds_bucket");
        text.ShouldContain("crisishub_cluster_silos");
        text.ShouldContain("orleans_");
        text.ShouldContain("http_server_request_duration_seconds");
    }

    [Fact]
    public async Task ARequestForwardedByAProxyTheNodeDoesNotTrustIsRefusedUnlessItBearsTheToken()
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "metrics");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var refused = await http.SendAsync(forwarded);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Telemetry:MetricsAllowedNetworks");

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "metrics");
        withToken.Headers.Add("X-Forwarded-For", "203.0.113.9");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ObservedServer.MetricsToken);
        (await http.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "metrics");
        wrongToken.Headers.Add("X-Forwarded-For", "203.0.113.9");
        wrongToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ObservedServer.MetricsToken + "x");
        (await http.SendAsync(wrongToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("metrics/")]
    [InlineData("METRICS")]
    [InlineData("Metrics/")]
    public async Task EverySpellingOfThePathIsGuarded(string path)
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, path);
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");

        (await http.SendAsync(forwarded)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("127.0.0.1", false, null, true)]
    [InlineData("::1", false, null, true)]
    [InlineData("::ffff:127.0.0.1", false, null, true)]
    [InlineData("10.1.2.3", false, null, true)]
    [InlineData("172.28.0.20", false, null, true)]
    [InlineData("172.28.0.21", false, null, false)]
    [InlineData("203.0.113.9", false, null, false)]
    [InlineData("127.0.0.1", true, null, false)]
    [InlineData("203.0.113.9", true, "Bearer a-token-of-at-least-24-characters", true)]
    [InlineData("203.0.113.9", false, "Bearer a-token-of-at-least-24-characters!", false)]
    [InlineData("203.0.113.9", false, "Basic a-token-of-at-least-24-characters", false)]
    public void AccessIsByLoopbackConfiguredNetworkOrTokenNeverByAForwardedAddress(string remote, bool forwarded, string? authorization, bool allowed)
    {
        var access = new MetricsAccess(new TelemetryOptions
        {
            MetricsAllowedNetworks = ["10.0.0.0/8", "172.28.0.20"],
            MetricsBearerToken = "a-token-of-at-least-24-characters",
        });

        access.Allows(IPAddress.Parse(remote), forwarded, authorization).ShouldBe(allowed);
    }
}
