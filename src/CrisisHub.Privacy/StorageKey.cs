using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CrisisHub.Privacy;

/// <summary>
/// A named 256-bit AES key. The id is written in front of every ciphertext the key makes, so that a reader knows which
/// key opens it: an id must never be reused for different key material, and it may not contain ':' (the envelope's separator).
/// </summary>
public sealed partial class StorageKey
{
    public const int Length = 32;

    public StorageKey(string id, byte[] key)
    {
        if (!ValidId().IsMatch(id ?? ""))
            throw new ArgumentException($"A storage key id is 1-64 letters, digits, '.', '_' or '-'; '{id}' is not.", nameof(id));
        if (key is null || key.Length != Length)
            throw new ArgumentException($"Storage key '{id}' must be {Length} bytes (256 bits); it is {key?.Length ?? 0}.", nameof(key));
        Id = id!;
        Key = key;
    }

    public string Id { get; }

    /// <summary>The key material: only the ring and the key file touch it.</summary>
    internal byte[] Key { get; }

    /// <summary>A fresh random key (from the operating system's CSPRNG).</summary>
    public static StorageKey Generate(string id) => new(id, RandomNumberGenerator.GetBytes(Length));

    /// <summary>A key as configuration and the key file give it: base64 of 32 bytes (e.g. <c>openssl rand -base64 32</c>).</summary>
    public static StorageKey FromBase64(string id, string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) throw new ArgumentException($"Storage key '{id}' is empty: give 32 random bytes in base64 (openssl rand -base64 32).");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException($"Storage key '{id}' is not base64: give 32 random bytes in base64 (openssl rand -base64 32).");
        }

        return new StorageKey(id, key);
    }

    internal string ToBase64() => Convert.ToBase64String(Key);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidId();
}
