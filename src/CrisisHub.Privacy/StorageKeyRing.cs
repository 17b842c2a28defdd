using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CrisisHub.Privacy;

/// <summary>
/// The keys stored data is encrypted with: one current key seals every new write, every key in the ring opens what it
/// sealed, so adding a new current key (rotation) leaves older records readable. AES-256-GCM with a random 96-bit nonce per
/// seal. The envelope names its version and key, <c>enc:v1:&lt;key id&gt;:</c> followed by nonce|ciphertext|tag (raw bytes,
/// or base64 in the text form). The associated data is that header plus a context saying where the value is stored
/// (<see cref="StorageContexts"/>), so a ciphertext copied into another row, field or key fails to open instead of
/// passing for that row's data. Data without the envelope is data written before encryption existed: it is returned as it
/// is, and sealed at its next write. Version 2 is version 1 with the plaintext deflated first, used for values of
/// <see cref="CompressFrom"/> bytes or more (grain state): JSON shrinks several times, so a sealed state is smaller than the
/// plain one was, where base64 alone would have grown every write by a third. Both versions open.
/// </summary>
public sealed class StorageKeyRing
{
    /// <summary>What every sealed value starts with; the version and key id follow, each ended by ':'.</summary>
    public const string Prefix = "enc:v";

    private const string Version = "1";
    private const string CompressedVersion = "2";

    /// <summary>Values this long or longer are deflated before sealing; shorter ones (a phone, a note) gain nothing from it.</summary>
    public const int CompressFrom = 256;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    // "enc:v" + version + ':' + a 64-character id + ':' with room to spare: how far a header is looked for.
    private const int LongestHeader = 80;
    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);

    private readonly Dictionary<string, StorageKey> _keys = new(StringComparer.Ordinal);
    private readonly StorageKey _current;

    public StorageKeyRing(IEnumerable<StorageKey> keys, string currentKeyId)
    {
        foreach (var key in keys)
        {
            if (!_keys.TryAdd(key.Id, key)) throw new ArgumentException($"Storage key '{key.Id}' is listed twice.");
        }

        if (_keys.Count == 0) throw new ArgumentException("The storage key ring holds no key.");
        _current = _keys.GetValueOrDefault(currentKeyId ?? "")
            ?? throw new ArgumentException($"The current storage key '{currentKeyId}' is not among the keys ({string.Join(", ", _keys.Keys)}).");
    }

    /// <summary>A ring of one key, current.</summary>
    public static StorageKeyRing Of(StorageKey key) => new([key], key.Id);

    public string CurrentKeyId => _current.Id;

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    internal IEnumerable<StorageKey> Keys => _keys.Values;

    public static bool IsSealed(ReadOnlySpan<byte> stored) => stored.StartsWith(PrefixBytes);

    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key id a sealed value names (null for data written before encryption).</summary>
    public static string? KeyIdOf(string stored) => IsSealed(stored) ? ParseHeader(stored.AsSpan(0, Math.Min(stored.Length, LongestHeader)), "").KeyId : null;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var compress = plaintext.Length >= CompressFrom;
        if (compress) plaintext = Deflate(plaintext);
        var header = Header(compress);
        var sealedBytes = new byte[header.Length + NonceLength + plaintext.Length + TagLength];
        header.CopyTo(sealedBytes, 0);
        Encrypt(header, plaintext, sealedBytes.AsSpan(header.Length), context);
        return sealedBytes;
    }

    /// <summary>The plaintext of a sealed value, or the value itself when it was stored before encryption existed.</summary>
    public byte[] Open(ReadOnlySpan<byte> stored, string context)
    {
        if (!IsSealed(stored)) return stored.ToArray();
        var (keyId, headerLength, compressed) = ParseHeader(Encoding.Latin1.GetString(stored[..Math.Min(stored.Length, LongestHeader)]), context);
        var plaintext = Decrypt(keyId, stored[..headerLength], stored[headerLength..], context);
        return compressed ? Inflate(plaintext, context) : plaintext;
    }

    [return: NotNullIfNotNull(nameof(plaintext))]
    public string? Seal(string? plaintext, string context)
    {
        if (plaintext is null) return null;
        ReadOnlySpan<byte> bytes = Encoding.UTF8.GetBytes(plaintext);
        var compress = bytes.Length >= CompressFrom;
        if (compress) bytes = Deflate(bytes);
        var header = Header(compress);
        var body = new byte[NonceLength + bytes.Length + TagLength];
        Encrypt(header, bytes, body, context);
        return Encoding.ASCII.GetString(header) + Convert.ToBase64String(body);
    }

    /// <summary>The plaintext of a sealed text, or the text itself when it was stored before encryption existed.</summary>
    [return: NotNullIfNotNull(nameof(stored))]
    public string? Open(string? stored, string context)
    {
        if (stored is null || !IsSealed(stored)) return stored;
        var (keyId, headerLength, compressed) = ParseHeader(stored.AsSpan(0, Math.Min(stored.Length, LongestHeader)), context);
        byte[] body;
        try
        {
            body = Convert.FromBase64String(stored[headerLength..]);
        }
        catch (FormatException)
        {
            throw Malformed(context);
        }

        var plain = Decrypt(keyId, Encoding.ASCII.GetBytes(stored[..headerLength]), body, context);
        return Encoding.UTF8.GetString(compressed ? Inflate(plain, context) : plain);
    }

    private byte[] Header(bool compressed) => Encoding.ASCII.GetBytes($"{Prefix}{(compressed ? CompressedVersion : Version)}:{_current.Id}:");

    private static byte[] Deflate(ReadOnlySpan<byte> plaintext)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(buffer, System.IO.Compression.CompressionLevel.Fastest)) deflate.Write(plaintext);
        return buffer.ToArray();
    }

    private static byte[] Inflate(byte[] deflated, string context)
    {
        try
        {
            using var inflate = new System.IO.Compression.DeflateStream(new MemoryStream(deflated), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            inflate.CopyTo(plain);
            return plain.ToArray();
        }
        catch (InvalidDataException)
        {
            // Authenticated, so written by a key holder: a deflate stream that does not inflate is a bug, said plainly.
            throw Malformed(context);
        }
    }

    private void Encrypt(ReadOnlySpan<byte> header, ReadOnlySpan<byte> plaintext, Span<byte> body, string context)
    {
        var nonce = body[..NonceLength];
        RandomNumberGenerator.Fill(nonce);
        // An AesGcm per call: instances are not safe to share between threads, and making one costs little beside a write.
        using var aes = new AesGcm(_current.Key, TagLength);
        aes.Encrypt(nonce, plaintext, body.Slice(NonceLength, plaintext.Length), body[^TagLength..], AssociatedData(header, context));
    }

    private byte[] Decrypt(string keyId, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body, string context)
    {
        if (!_keys.TryGetValue(keyId, out var key)) throw new UnknownStorageKeyException(keyId, _keys.Keys);
        if (body.Length < NonceLength + TagLength) throw Malformed(context);
        var plaintext = new byte[body.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key.Key, TagLength);
        try
        {
            aes.Decrypt(body[..NonceLength], body[NonceLength..^TagLength], body[^TagLength..], plaintext, AssociatedData(header, context));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException(
                $"Stored data for {context} does not open with storage key '{keyId}': it was altered, or copied from where another record is stored.", exception);
        }

        return plaintext;
    }

    /// <summary>The header (version and key id) and where the value is stored: both must match for the value to open.</summary>
    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string context)
    {
        var data = new byte[header.Length + Encoding.UTF8.GetByteCount(context)];
        header.CopyTo(data);
        Encoding.UTF8.GetBytes(context, data.AsSpan(header.Length));
        return data;
    }

    private static (string KeyId, int HeaderLength, bool Compressed) ParseHeader(ReadOnlySpan<char> start, string context)
    {
        var afterPrefix = start[Prefix.Length..];
        var versionEnd = afterPrefix.IndexOf(':');
        if (versionEnd < 0) throw Malformed(context);
        var version = afterPrefix[..versionEnd];
        if (!version.SequenceEqual(Version) && !version.SequenceEqual(CompressedVersion))
            throw new CryptographicException($"Stored data for {context} is in envelope version {version}, which this version of CrisisHub cannot read.");
        var afterVersion = afterPrefix[(versionEnd + 1)..];
        var idEnd = afterVersion.IndexOf(':');
        if (idEnd < 1) throw Malformed(context);
        return (afterVersion[..idEnd].ToString(), Prefix.Length + versionEnd + 1 + idEnd + 1, version.SequenceEqual(CompressedVersion));
    }

    private static CryptographicException Malformed(string context) => new($"Stored data for {context} starts like a sealed value but is not one (truncated or altered).");
}
