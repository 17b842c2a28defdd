namespace CrisisHub.Server.Push;

/// <summary>
/// Web Push, the third alert channel (section <c>CrisisHub:WebPush</c>). The embedded default makes its VAPID key pair on
/// first start (in the data folder's <c>secrets/</c>); cluster nodes must share one pair, given here, since every
/// subscription is bound to the public key it was made with. A cluster node without one runs with Web Push off and says so.
/// </summary>
public sealed class WebPushOptions
{
    public const string Section = "CrisisHub:WebPush";

    /// <summary>False turns the channel off (no subscriptions taken, nothing sent).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The VAPID public key: base64url of the uncompressed P-256 point (65 bytes).</summary>
    public string? PublicKey { get; set; }

    /// <summary>The VAPID private key: base64url of the P-256 scalar (32 bytes). A secret: keep it out of files in the repository.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Whom a push service contacts about this sender (RFC 8292 "sub"): a mailto: or https: URL of the operators.</summary>
    public string Subject { get; set; } = "mailto:crisishub-operators@localhost";

    /// <summary>The browsers' push services (Chrome/Edge/Android, Firefox, Safari, Windows): the hosts allowed when none are configured.</summary>
    public static readonly string[] BrowserPushServices =
        ["fcm.googleapis.com", "*.push.services.mozilla.com", "updates.push.services.mozilla.com", "web.push.apple.com", "*.push.apple.com", "*.notify.windows.com"];

    /// <summary>
    /// The push services a subscription may point at (a host, or "*.domain" for its subdomains): the server sends to these
    /// only, so a subscription cannot make it call an address of an attacker's choosing. Empty (the default) means
    /// <see cref="BrowserPushServices"/>; a configured list replaces them (the configuration binder would only add to a
    /// list given here). Plain http is accepted for loopback hosts listed here only.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    public IReadOnlyList<string> EffectiveHosts => AllowedHosts.Length > 0 ? AllowedHosts : BrowserPushServices;

    /// <summary>How long a push service keeps an alert for a phone that is off (seconds; the step deadlines are minutes to hours).</summary>
    public int TimeToLiveSeconds { get; set; } = 3600;

    /// <summary>How long one push service may take to answer one push.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the endpoint's host is one of <see cref="AllowedHosts"/>, over https (or http on a listed loopback host).</summary>
    public bool Admits(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) return false;
        var host = uri.IdnHost;
        var listed = EffectiveHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));
        return listed && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }
}
