using System.Security.Cryptography;
using System.Text;

namespace CrisisHub.Contracts.Integrations;

/// <summary>
/// The optional request signature of an integration client (required for a client registered with "signature
/// required"). A signed request carries two headers:
/// <list type="bullet">
/// <item><c>X-CrisisHub-Timestamp</c>: the time of signing, in whole seconds since 1970-01-01T00:00:00Z (Unix time);</item>
/// <item><c>X-CrisisHub-Signature</c>: <c>v1=</c> followed by the lower-case hex HMAC-SHA256 of the canonical string,
/// keyed with the UTF-8 bytes of the signing secret (the whole <c>chs_…</c> text) shown with the API key.</item>
/// </list>
/// The canonical string is five parts joined by '.', with no spaces or line breaks:
/// <c>{timestamp}.{METHOD}.{Idempotency-Key}.{path and query}.{body hash}</c>, where <c>timestamp</c> is the header's value
/// exactly as sent, <c>METHOD</c> the HTTP method in upper case, <c>Idempotency-Key</c> that header's value as sent (empty
/// when there is none, as on a GET: then two dots follow each other), <c>path and query</c> the request target as sent (e.g.
/// <c>/api/integrations/ping?x=1</c>: path percent-encoded as on the wire, with '?' and the query when there is one,
/// without scheme and host), and <c>body hash</c> the lower-case hex SHA-256 of the exact body bytes (of nothing when
/// there is no body: <c>e3b0c442…b855</c>). Example for <c>POST /api/integrations/ping</c> with body <c>{}</c> and
/// Idempotency-Key <c>k-1</c> at 1795420800:
/// <c>1795420800.POST.k-1./api/integrations/ping.44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a</c>.
/// The key holds no '/' and the path starts with one, so the parts cannot be shifted into one another.
/// A timestamp more than <see cref="ReplayWindow"/> away from the server's clock is refused (401), so a captured request
/// cannot be replayed later; within the window the signed Idempotency-Key makes a replay the same request (answered, never
/// done twice), and a replay under another key fails the signature.
/// </summary>
public static class IntegrationSignature
{
    public const string TimestampHeader = "X-CrisisHub-Timestamp";
    public const string SignatureHeader = "X-CrisisHub-Signature";
    public const string Version = "v1=";

    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    /// <summary>SHA-256 of no bytes: the body hash of a request without a body.</summary>
    public static readonly string EmptyBodyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    public static string Canonical(string timestamp, string method, string idempotencyKey, string pathAndQuery, string bodySha256Hex) =>
        $"{timestamp}.{method.ToUpperInvariant()}.{idempotencyKey}.{pathAndQuery}.{bodySha256Hex}";

    /// <summary>The header value for <paramref name="canonical"/> under <paramref name="signingSecret"/>: "v1={hex}".</summary>
    public static string Sign(string signingSecret, string canonical) =>
        Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="canonical"/>, compared in constant time.</summary>
    public static bool Matches(string signingSecret, string canonical, string header) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(signingSecret, canonical)), Encoding.ASCII.GetBytes(header.Trim()));

    public static bool WithinWindow(long timestamp, DateTimeOffset now) =>
        Math.Abs(now.ToUnixTimeSeconds() - timestamp) <= (long)ReplayWindow.TotalSeconds;
}
