using System.Net.WebSockets;

namespace CrisisHub.Server.Tests;

/// <summary>Issue 12 point 5: security headers on every response and the same-origin check on cookie changes.</summary>
[Collection(ServerCollection.Name)]
public sealed class WebHardeningTests(ServerFixture server)
{
    private const string Evil = "https://evil.example";

    private string OwnOrigin => server.Factory.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>A browser-like client: cookies kept, signed in through /api/auth/login from the page's own origin.</summary>
    private async Task<HttpClient> CookieClientAsync(string userName)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Factory.BaseAddress };
        (await LoginAsync(http, userName, OwnOrigin)).EnsureSuccessStatusCode();
        return http;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string userName, string? origin, string? fetchSite = null) =>
        http.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Post, "api/auth/login")
        {
            Content = JsonContent.Create(new { userName, password = TestSeed.Password }),
        }, origin, fetchSite));

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request, string? origin, string? fetchSite)
    {
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    private static Task<HttpResponseMessage> SetLanguageAsync(HttpClient http, string? origin, string? fetchSite = null) =>
        http.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Put, "api/auth/me/language")
        {
            Content = JsonContent.Create(new { language = "zh-CN" }),
        }, origin, fetchSite));

    [Fact]
    public async Task EveryResponsePagesFilesApiAndErrorsCarriesTheSecurityHeaders()
    {
        var bearer = await server.SignInAsync("ts1-g1-c1-teacher");
        using var anonymous = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await anonymous.GetAsync("case.html"),
            ["script"] = await anonymous.GetAsync("js/app.js"),
            ["api 401"] = await anonymous.GetAsync("api/alerts"),
            ["api 200"] = await bearer.Http.GetAsync("api/alerts"),
            ["api 404"] = await bearer.Http.GetAsync("api/cases/c-nosuchcase"),
        };

        foreach (var (name, response) in responses)
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            csp.ShouldContain("script-src 'self'", Case.Sensitive, name);
            csp.ShouldNotContain("unsafe-inline", Case.Sensitive, name);
            csp.ShouldContain("frame-ancestors 'none'", Case.Sensitive, name);
            csp.ShouldContain("connect-src 'self'", Case.Sensitive, name);
            csp.ShouldContain("object-src 'none'", Case.Sensitive, name);
            csp.ShouldContain("base-uri 'none'", Case.Sensitive, name);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], name);
            response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"], name);
            response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"], name);
            response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse($"{name}: HSTS only over https");
        }

        foreach (var name in new[] { "api 401", "api 200", "api 404" })
            responses[name].Headers.CacheControl!.NoStore.ShouldBeTrue($"{name}: personal data is never cached");
    }

    [Fact]
    public async Task SignInIsAcceptedOnlyFromTheServersOwnOrigin()
    {
        foreach (var (origin, fetchSite) in new (string?, string?)[] { (Evil, null), ("null", null), (null, null), (null, "cross-site"), ("http://127.0.0.1:1", null) })
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Factory.BaseAddress };
            var refused = await LoginAsync(http, "ts1-g1-c1-teacher", origin, fetchSite);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"Origin {origin}, Sec-Fetch-Site {fetchSite}");
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            refused.Headers.Contains("Set-Cookie").ShouldBeFalse("no session for a forged sign-in");
        }

        using var page = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Factory.BaseAddress };
        (await LoginAsync(page, "ts1-g1-c1-teacher", OwnOrigin)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var noOrigin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Factory.BaseAddress };
        (await LoginAsync(noOrigin, "ts1-g1-c1-teacher", null, "same-origin")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ACookieChangeFromAnotherOriginIsRefusedWhileTokensAndReadsAreNotAffected()
    {
        using var browser = await CookieClientAsync("ts1-g1-c1-teacher");

        var forged = await SetLanguageAsync(browser, Evil);
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forged.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await SetLanguageAsync(browser, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no Origin and no Sec-Fetch-Site");
        (await SetLanguageAsync(browser, null, "same-site")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Post, "api/auth/logout"), Evil, null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await SetLanguageAsync(browser, OwnOrigin)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SetLanguageAsync(browser, null, "same-origin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Get, "api/auth/me"), Evil, null))).StatusCode.ShouldBe(HttpStatusCode.OK, "reads change nothing");

        // A bearer token is never sent by a browser on its own: API clients need no Origin.
        var bearer = await server.SignInAsync("ts1-g1-c1-teacher");
        (await SetLanguageAsync(bearer.Http, Evil)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheHubsWebSocketRefusesACookieFromAnotherOrigin()
    {
        using var browser = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using (var http = new HttpClient(browser, disposeHandler: false) { BaseAddress = server.Factory.BaseAddress })
            (await LoginAsync(http, "ts1-g1-c1-teacher", OwnOrigin)).EnsureSuccessStatusCode();
        var hub = new UriBuilder(new Uri(server.Factory.BaseAddress, "hubs/alerts")) { Scheme = "ws" }.Uri;

        async Task<HttpStatusCode> ConnectAsync(string origin)
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.Cookies = browser.CookieContainer;
            socket.Options.SetRequestHeader("Origin", origin);
            try
            {
                await socket.ConnectAsync(hub, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The status of the refused upgrade is kept in HttpStatusCode.
            }

            return socket.HttpStatusCode;
        }

        (await ConnectAsync(Evil)).ShouldBe(HttpStatusCode.Forbidden);
        (await ConnectAsync(OwnOrigin)).ShouldBe(HttpStatusCode.SwitchingProtocols);
    }
}
