using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// The keys anchors are signed with: the current one signs, it and the older ones verify (so a key can rotate and the
/// anchors signed before still verify while the old key is listed). The keys never enter the database: the host reads
/// them from configuration or a key file. A key's id is derived from the key, so an id can never name the wrong key.
/// </summary>
public sealed class AnchorKeyRing
{
    public const int MinimumKeyBytes = 32;
    private const string Version = "crisishub-anchor/1";
    private readonly byte[] _current;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public AnchorKeyRing(byte[] current, IEnumerable<byte[]>? previous = null)
    {
        foreach (var key in (previous ?? []).Prepend(current))
        {
            if (key.Length < MinimumKeyBytes) throw new ArgumentException($"An anchor key must have at least {MinimumKeyBytes} bytes.");
            _keys.TryAdd(IdOf(key), key);
        }

        _current = current;
        CurrentKeyId = IdOf(current);
    }

    public string CurrentKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public static string IdOf(byte[] key) =>
        "k-" + Convert.ToHexStringLower(SHA256.HashData([.. Encoding.ASCII.GetBytes(Version + "/key-id/"), .. key]))[..16];

    /// <summary>The anchor signed with the current key (its key id set to that key's).</summary>
    public AuditAnchor Sign(AuditAnchor anchor)
    {
        var named = anchor with { KeyId = CurrentKeyId };
        return named with { Signature = Mac(_current, named) };
    }

    /// <summary>Null when the anchor's signature verifies under the key it names; otherwise what is wrong, for people.</summary>
    public string? Problem(AuditAnchor anchor)
    {
        if (!_keys.TryGetValue(anchor.KeyId ?? "", out var key))
            return $"anchor {anchor.Sequence} names key '{anchor.KeyId}', which is not configured (list a rotated key in Privacy:PreviousAnchorKeys)";
        var expected = Encoding.ASCII.GetBytes(Mac(key, anchor));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(anchor.Signature ?? ""))
            ? null
            : $"anchor {anchor.Sequence}'s signature does not verify: it was altered after it was signed";
    }

    private static string Mac(byte[] key, AuditAnchor anchor) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SignedText(anchor))));

    /// <summary>Every field but the signature, each length-prefixed (as the chains hash theirs) so no two anchors read alike.</summary>
    private static string SignedText(AuditAnchor anchor)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        Field(Version);
        Field(anchor.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(anchor.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(anchor.KeyId);
        Field((anchor.Heads ?? []).Length.ToString(CultureInfo.InvariantCulture));
        foreach (var head in anchor.Heads ?? [])
        {
            Field(head.Chain);
            Field(head.DistrictId);
            Field(head.Sequence.ToString(CultureInfo.InvariantCulture));
            Field(head.Hash);
        }

        return text.ToString();
    }
}
