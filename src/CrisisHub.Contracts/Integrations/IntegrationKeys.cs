using System.Security.Cryptography;
using System.Text;

namespace CrisisHub.Contracts.Integrations;

/// <summary>
/// API keys and signing secrets. A key reads <c>chk_{clientId}_{secret}</c>: the client id in clear so the server finds
/// the client's grain without a directory of keys, the secret 32 random bytes (base64url, 43 characters).
/// </summary>
/// <remarks>
/// The server stores only SHA-256 of the whole key. A slow password hash (PBKDF2, Argon2) protects low-entropy secrets that
/// people choose; a 256-bit random key cannot be guessed whatever the hash, and a fast hash keeps the check that runs on
/// every request cheap.
/// </remarks>
public static class IntegrationKeys
{
    public const string KeyPrefix = "chk_";
    public const string SecretPrefix = "chs_";
    private const int SecretBytes = 32;

    /// <summary>A new client's id: "ic" and 16 hex digits (no '_', so the key splits at its first one).</summary>
    public static string NewClientId() => "ic" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsClientId(string? clientId) =>
        clientId is { Length: 18 } && clientId.StartsWith("ic", StringComparison.Ordinal) && clientId[2..].All(char.IsAsciiHexDigitLower);

    public static string NewKey(string clientId) => $"{KeyPrefix}{clientId}_{Random()}";

    public static string NewSigningSecret() => SecretPrefix + Random();

    /// <summary>The client id a key names, or null for text that is not a key.</summary>
    public static string? ClientIdOf(string? key)
    {
        if (key is null || key.Length > 200 || !key.StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
        var rest = key[KeyPrefix.Length..];
        var split = rest.IndexOf('_');
        return split > 0 && IsClientId(rest[..split]) && rest.Length - split - 1 >= 40 ? rest[..split] : null;
    }

    /// <summary>What the server keeps of a key: SHA-256 of its UTF-8 text, lower-case hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether two hex hashes are equal, in time independent of where they differ.</summary>
    public static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
