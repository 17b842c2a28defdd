namespace CrisisHub.Server.Tests;

/// <summary>Issue 12 point 5: security headers on every response.</summary>
[Collection(ServerCollection.Name)]
public sealed class WebHardeningTests(ServerFixture server)
{
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
}
