namespace CrisisHub.Contracts.Push;

/// <summary>What a subscription must be before it is stored: the endpoint a URL, the keys the sizes RFC 8291 gives them.</summary>
public static class PushRules
{
    public const int MaxDevices = 10;
    public const int MaxEndpointLength = 1024;
    public const int MaxLabelLength = 60;
    public const int PublicKeyBytes = 65;
    public const int AuthSecretBytes = 16;

    /// <summary>The first problem with the subscription as (field, message), or null when it may be stored.</summary>
    public static (string Field, string Message)? Problem(string? endpoint, string? p256dh, string? auth, string? label)
    {
        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Length > MaxEndpointLength
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
            return ("endpoint", $"must be the push service's URL (http or https, at most {MaxEndpointLength} characters)");
        if (Base64UrlBytes(p256dh) is not { Length: PublicKeyBytes } key || key[0] != 0x04 || !OnCurve(key))
            return ("keys.p256dh", $"must be the browser's P-256 public key: {PublicKeyBytes} bytes, uncompressed, in base64url");
        if (Base64UrlBytes(auth)?.Length != AuthSecretBytes)
            return ("keys.auth", $"must be the browser's {AuthSecretBytes}-byte authentication secret in base64url");
        if (label?.Length > MaxLabelLength) return ("label", $"must be at most {MaxLabelLength} characters");
        return null;
    }

    /// <summary>A point on P-256: one that is not would make every push to the device fail as it is encrypted.</summary>
    private static bool OnCurve(byte[] point)
    {
        try
        {
            using var key = System.Security.Cryptography.ECDiffieHellman.Create(new System.Security.Cryptography.ECParameters
            {
                Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
                Q = new System.Security.Cryptography.ECPoint { X = point[1..33], Y = point[33..] },
            });
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static byte[]? Base64UrlBytes(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(value.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
