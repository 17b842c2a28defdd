using System.Net;
using System.Security.Cryptography;
using System.Text;
using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Operations;

/// <summary>
/// Who may read /metrics: a scraper on this machine (loopback), one in a configured network, or one presenting the
/// configured bearer token. Never the public: a request that came through a proxy the server does not trust (its
/// X-Forwarded-For still unread) is judged as coming from anywhere, since the proxy may be passing the public's traffic.
/// </summary>
public sealed class MetricsAccess
{
    private readonly IPNetwork[] _networks;
    private readonly byte[]? _token;

    public MetricsAccess(TelemetryOptions options)
    {
        _networks = [.. options.MetricsAllowedNetworks.Select(Network)];
        _token = options.MetricsBearerToken is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;
    }

    /// <summary>The request's client, as the forwarded-headers middleware left it: X-Forwarded-For still present means a proxy this node does not trust passed it on.</summary>
    public bool Allows(HttpContext http) =>
        Allows(http.Connection.RemoteIpAddress, http.Request.Headers.ContainsKey("X-Forwarded-For"), http.Request.Headers.Authorization);

    public bool Allows(IPAddress? remote, bool forwardedByUntrustedProxy, string? authorization)
    {
        if (_token is not null && authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), _token))
            return true;
        if (remote is null || forwardedByUntrustedProxy) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || _networks.Any(n => n.Contains(remote));
    }

    private static IPNetwork Network(string entry)
    {
        ProxyOptions.TryParse(entry, out var address, out var network);
        return network ?? new IPNetwork(address!, address!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
