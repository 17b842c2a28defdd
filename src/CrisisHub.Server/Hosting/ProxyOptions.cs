using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// The reverse proxy settings of the "CrisisHub" section (kept apart from <see cref="CrisisHubOptions"/> so the
/// proxy concerns stay in one file). Forwarded headers are believed only from the proxies listed here: any
/// client can send X-Forwarded-For, and believing it from anyone would let a password guesser pick a fresh
/// rate-limit bucket per guess.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    /// <summary>Addresses ("10.0.0.2") or networks ("172.28.0.0/24") of the proxies in front. None by default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Mark the sign-in cookie Secure even on a plain-HTTP request (set it when TLS always ends at a proxy).</summary>
    public bool SecureCookiesOnly { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !TryParse(p, out _, out _))
            .Select(p => new ValidationResult($"'{p}' is neither an IP address nor a network in CIDR form.", [nameof(KnownProxies)]));

    public static bool TryParse(string entry, out IPAddress? address, out IPNetwork? network)
    {
        address = null;
        network = null;
        if (entry.Contains('/')) return IPNetwork.TryParse(entry.Trim(), out var parsed) && (network = parsed) is not null;
        return IPAddress.TryParse(entry.Trim(), out address);
    }
}
