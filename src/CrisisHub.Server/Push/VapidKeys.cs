using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Push;

/// <summary>The server's VAPID key pair (RFC 8292), both base64url; null <see cref="PublicKey"/> means Web Push is off.</summary>
public sealed record VapidKeys(string? PublicKey, string? PrivateKey, string Subject, string? OffBecause)
{
    public bool On => PublicKey is not null;

    /// <summary>Never the private key (a record would print it into any log line that names the keys).</summary>
    public override string ToString() => On ? $"VapidKeys {{ PublicKey = {PublicKey}, Subject = {Subject} }}" : $"VapidKeys {{ off: {OffBecause} }}";

    public static string DefaultKeyFile(string dataFolder) => Path.Combine(dataFolder, "secrets", "vapid.json");

    /// <summary>
    /// The configured pair, else (embedded only) the pair in the data folder's <c>secrets/vapid.json</c>, made on first start.
    /// A cluster node without a configured pair runs with Web Push off: a pair of its own would bind its subscriptions to a key
    /// no other node has.
    /// </summary>
    public static VapidKeys Load(WebPushOptions options, string dataFolder, bool clusterMode)
    {
        if (!options.Enabled) return Off(options, "turned off (CrisisHub:WebPush:Enabled is false)");
        if (!string.IsNullOrWhiteSpace(options.PublicKey) || !string.IsNullOrWhiteSpace(options.PrivateKey))
            return Checked(options.PublicKey, options.PrivateKey, options.Subject, "CrisisHub:WebPush");
        if (clusterMode)
            return Off(options, "no VAPID key pair configured: cluster nodes must share one (CrisisHub__WebPush__PublicKey and __PrivateKey)");

        var file = DefaultKeyFile(dataFolder);
        if (!File.Exists(file)) CreateKeyFile(file);
        var stored = JsonSerializer.Deserialize<StoredPair>(File.ReadAllText(file))
            ?? throw new StartupFailure(StartupFailure.InvalidConfiguration, $"{file} holds no VAPID key pair.");
        return Checked(stored.PublicKey, stored.PrivateKey, options.Subject, file);
    }

    private static VapidKeys Off(WebPushOptions options, string why) => new(null, null, options.Subject, why);

    /// <summary>Both keys decode to the sizes P-256 gives them and belong together (the private key signs what the public one verifies).</summary>
    private static VapidKeys Checked(string? publicKey, string? privateKey, string subject, string where)
    {
        try
        {
            var point = Base64Url.DecodeFromChars(publicKey);
            var scalar = Base64Url.DecodeFromChars(privateKey);
            if (point is not { Length: 65 } || point[0] != 4 || scalar.Length != 32) throw new FormatException("wrong sizes");
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
                D = scalar,
            });
            using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
            byte[] probe = [1, 2, 3];
            if (!verifier.VerifyData(probe, key.SignData(probe, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256)) throw new FormatException("not a pair");
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or ArgumentException)
        {
            throw new StartupFailure(StartupFailure.InvalidConfiguration,
                $"{where}: the VAPID keys must be a P-256 pair in base64url (public 65 bytes, private 32 bytes), e.g. from `npx web-push generate-vapid-keys`.");
        }

        return new VapidKeys(publicKey, privateKey, subject, null);
    }

    /// <summary>A new pair, in a file only the server account may read (in a folder only it may enter), like the anchor key.</summary>
    private static void CreateKeyFile(string file)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var pair = new StoredPair(Base64Url.EncodeToString([4, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D));
        OwnerOnly.CreateSecretFile(file, JsonSerializer.Serialize(pair));
    }

    private sealed record StoredPair(string PublicKey, string PrivateKey);
}
