using System.Security.Cryptography;
using System.Text;

namespace CrisisHub.Server.Sms;

/// <summary>
/// X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + every POST field name and value, sorted by name)).
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal)) data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>True when any of the tokens (primary, or secondary during rotation) produced the signature.</summary>
    public static bool IsValid(string? signature, string url, IReadOnlyCollection<KeyValuePair<string, string>> fields, IEnumerable<string> authTokens)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var presented = Encoding.ASCII.GetBytes(signature);
        var valid = false;
        foreach (var token in authTokens)
        {
            // Compare with every token, in constant time, so timing says nothing about which one (or how much) matched.
            valid |= CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(Compute(token, url, fields)));
        }

        return valid;
    }
}
