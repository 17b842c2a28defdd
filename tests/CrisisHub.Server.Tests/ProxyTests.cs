namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 12 point 6: behind nginx every request comes from the proxy's address. X-Forwarded-For/-Proto are
/// believed only from a configured proxy; then the login rate limit keys on the real client, and a request
/// that reached the proxy over https gets a Secure cookie and HSTS.
/// </summary>
public sealed class ProxyTests
{
    private static CrisisHubFactory Server(bool behindKnownProxy)
    {
        var settings = new Dictionary<string, string> { ["CrisisHub:LoginAttemptsPerMinute"] = "2" };
        // The tests connect from loopback, so loopback plays the proxy.
        if (behindKnownProxy) settings["CrisisHub:KnownProxies:0"] = "127.0.0.0/8";
        return new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), CrisisHubFactory.NewClock(), settings: settings);
    }

    private static async Task<HttpStatusCode> FailedLoginAsync(HttpClient http, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/token") { Content = JsonContent.Create(new { userName = "admin", password = "wrong-password" }) };
        request.Headers.Add("X-Forwarded-For", client);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task WithAKnownProxyTwoForwardedClientsHaveSeparateLoginBuckets()
    {
        await using var server = Server(behindKnownProxy: true);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        (await FailedLoginAsync(http, "203.0.113.1")).ShouldBe(HttpStatusCode.Unauthorized);
        (await FailedLoginAsync(http, "203.0.113.1")).ShouldBe(HttpStatusCode.Unauthorized);
        (await FailedLoginAsync(http, "203.0.113.1")).ShouldBe(HttpStatusCode.TooManyRequests, "the first client used its two attempts");
        (await FailedLoginAsync(http, "203.0.113.2")).ShouldBe(HttpStatusCode.Unauthorized, "the second client has a bucket of its own");
    }

    [Fact]
    public async Task WithoutAKnownProxyForwardedForIsIgnored()
    {
        await using var server = Server(behindKnownProxy: false);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        (await FailedLoginAsync(http, "203.0.113.1")).ShouldBe(HttpStatusCode.Unauthorized);
        (await FailedLoginAsync(http, "203.0.113.2")).ShouldBe(HttpStatusCode.Unauthorized);
        (await FailedLoginAsync(http, "203.0.113.3")).ShouldBe(HttpStatusCode.TooManyRequests, "a made-up address buys no fresh attempts");

        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("X-Forwarded-Proto", "https");
        (await http.SendAsync(page)).Headers.Contains("Strict-Transport-Security").ShouldBeFalse("nobody but a known proxy can claim https");
    }

    [Fact]
    public async Task BehindAKnownProxyOverHttpsTheCookieIsSecureAndHstsIsSent()
    {
        await using var server = Server(behindKnownProxy: true);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        // nginx passes the browser's Host on; the browser's Origin is the public https one.
        var publicOrigin = $"https://{server.BaseAddress.Authority}";

        HttpRequestMessage Login(string proto, string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new { userName = "ts1-g1-c1-teacher", password = TestSeed.Password }) };
            request.Headers.Add("X-Forwarded-For", proto == "https" ? "198.51.100.7" : "198.51.100.8");
            request.Headers.Add("X-Forwarded-Proto", proto);
            request.Headers.Add("Origin", origin);
            return request;
        }

        var overTls = await http.SendAsync(Login("https", publicOrigin));
        overTls.StatusCode.ShouldBe(HttpStatusCode.OK);
        overTls.Headers.GetValues("Set-Cookie").Single().ShouldContain("secure", Case.Insensitive);
        overTls.Headers.GetValues("Strict-Transport-Security").ShouldBe(["max-age=31536000"]);

        var plain = await http.SendAsync(Login("http", server.BaseAddress.GetLeftPart(UriPartial.Authority)));
        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        plain.Headers.GetValues("Set-Cookie").Single().ShouldNotContain("secure", Case.Insensitive);
        plain.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}
