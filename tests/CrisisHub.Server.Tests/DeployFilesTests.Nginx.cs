using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 12 point 6: the shipped nginx terminates TLS, redirects plain HTTP, tells the nodes who the client is
/// and how it connected, keeps WebSockets working and never writes the hub's query string (a browser's
/// bearer token travels there as ?access_token=) to its access log.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static NginxDirective Nginx() => NginxDirective.Parse(File.ReadAllText(Path.Combine(Deploy, "nginx", "crisishub.conf")));

    private static NginxDirective Server(NginxDirective nginx, string port) =>
        nginx.All("server").Single(s => s.All("listen").Any(l => l.Args[0] == port));

    private static string[] Headers(NginxDirective location) => [.. location.All("proxy_set_header").Select(h => $"{h.Args[0]} {h.Args[1]}")];

    /// <summary>Variables that carry the query string into a log line.</summary>
    private static readonly Regex QueryVariables = new(@"\$(request_uri|request|args|query_string|is_args|arg_\w+)\b");

    [Fact]
    public void NginxTerminatesTlsWithTheExampleCertificateAndRedirectsPlainHttp()
    {
        var nginx = Nginx();
        var tls = Server(nginx, "443");
        tls.All("listen").First(l => l.Args[0] == "443").Args.ShouldContain("ssl");
        tls.All("ssl_certificate").Single().Args[0].ShouldBe("/etc/nginx/tls/crisishub.crt");
        tls.All("ssl_certificate_key").Single().Args[0].ShouldBe("/etc/nginx/tls/crisishub.key");
        Server(nginx, "80").All("return").Single().Args.ShouldBe(["301", "https://$host$request_uri"]);

        var compose = File.ReadAllText(Path.Combine(Deploy, "compose.yaml"));
        compose.ShouldContain("./tls:/etc/nginx/tls:ro");
        compose.ShouldContain("\"443:443\"");
    }

    [Fact]
    public void EveryProxiedLocationForwardsTheClientAndSchemeAndUpgradesWebSockets()
    {
        // A location that only answers itself (return) forwards nothing; every other one is proxied.
        var locations = Server(Nginx(), "443").All("location").Where(l => !l.All("return").Any()).ToList();
        locations.Select(l => l.Args[0]).ShouldBe(["/hubs/", "/"], ignoreOrder: true);
        foreach (var location in locations)
        {
            location.All("proxy_pass").Single().Args[0].ShouldBe("http://crisishub");
            Headers(location).ShouldContain("X-Forwarded-For $remote_addr", location.Args[0]);
            Headers(location).ShouldContain("X-Forwarded-Proto $scheme", location.Args[0]);
            Headers(location).ShouldContain("Host $http_host", location.Args[0]);
            Headers(location).ShouldContain("Upgrade $http_upgrade", location.Args[0]);
            Headers(location).ShouldContain("Connection $connection_upgrade", location.Args[0]);
        }
    }

    [Fact]
    public void TheHubPathIsLoggedWithoutItsQueryStringAndSoIsEverythingElse()
    {
        var nginx = Nginx();
        var formats = nginx.All("log_format").ToDictionary(f => f.Args[0], f => string.Concat(f.Args.Skip(1)));
        var hub = Server(nginx, "443").All("location").Single(l => l.Args[0] == "/hubs/");
        var hubLog = hub.All("access_log").Single().Args;
        if (hubLog[0] != "off")
        {
            formats.ShouldContainKey(hubLog[1]);
            formats[hubLog[1]].ShouldNotMatch(QueryVariables.ToString(), "the hub's log format must not hold the query string");
            formats[hubLog[1]].ShouldContain("$uri", Case.Sensitive);
        }

        // No access_log anywhere falls back to nginx's "combined" format, which logs $request (query included).
        foreach (var log in nginx.Descendants().Where(d => d.Name == "access_log" && d.Args[0] != "off"))
        {
            log.Args.Count.ShouldBe(2, $"access_log {log.Args[0]} names a format");
            QueryVariables.IsMatch(formats[log.Args[1]]).ShouldBeFalse(log.Args[1]);
        }
    }

    [Fact]
    public void TheNodesBelieveForwardedHeadersFromTheComposeProxyOnly()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Deploy, "compose.yaml"))));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var proxy = (YamlMappingNode)services["proxy"];
        var proxyAddress = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)proxy["networks"])["cluster"])["ipv4_address"]).Value;

        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var environment = (YamlMappingNode)((YamlMappingNode)services[node])["environment"];
            // The anchor's keys arrive through the "<<" merge.
            var merged = environment.Children.TryGetValue(new YamlScalarNode("<<"), out var anchor) ? (YamlMappingNode)anchor : environment;
            ((YamlScalarNode)merged["CrisisHub__KnownProxies__0"]).Value.ShouldBe(proxyAddress, node);
        }
    }

    /// <summary>
    /// Issue 15: /metrics (counts per school and grade) is for Prometheus on the cluster network. The public proxy answers
    /// it itself, in every spelling ASP.NET Core's routing would still send to the scrape endpoint, and forwards the rest.
    /// </summary>
    [Fact]
    public void ThePublicProxyNeverForwardsMetrics()
    {
        var nginx = Nginx();
        var tls = Server(nginx, "443");
        foreach (var uri in new[] { "/metrics", "/metrics?name[]=up", "/metrics/", "/METRICS", "/Metrics", "//metrics", "/%6detrics",
                     "/%2Fmetrics", "/hubs/../metrics", "/./metrics", "/metrics/anything" })
        {
            var location = tls.LocationFor(uri).ShouldNotBeNull(uri);
            location.All("proxy_pass").ShouldBeEmpty(uri);
            location.All("return").Single().Args.ShouldBe(["404"], uri);
        }

        foreach (var uri in new[] { "/", "/api/cases", "/hubs/alerts?access_token=x", "/wallboard.html", "/api/metrics-help" })
            tls.LocationFor(uri).ShouldNotBeNull(uri).All("proxy_pass").Single().Args[0].ShouldBe("http://crisishub", uri);

        // Plain HTTP only redirects.
        Server(nginx, "80").Descendants().Where(d => d.Name == "proxy_pass").ShouldBeEmpty();
    }
}
