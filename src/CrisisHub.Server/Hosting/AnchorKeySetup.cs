using System.Security.Cryptography;
using CrisisHub.Grains.Audit;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Finds the anchor keys: <c>Privacy:AnchorKey</c>, else <c>Privacy:AnchorKeyFile</c>, else (embedded only) the key file in
/// the data folder's <c>secrets/</c>, made with a new random key on first start. Beside the database, but not in it: a
/// backup of the database alone carries no key. Cluster nodes must share one key, so a cluster node without one refuses
/// to start rather than sign with a key of its own that no other node knows.
/// </summary>
public static class AnchorKeySetup
{
    public static string DefaultKeyFile(string dataFolder) => Path.Combine(dataFolder, "secrets", "anchor.key");

    public static AnchorKeyRing Load(AnchorKeyOptions options, string dataFolder, bool clusterMode)
    {
        var previous = options.PreviousAnchorKeys.Select((key, i) => Decode(key, $"Privacy:PreviousAnchorKeys:{i}")).ToList();
        if (!string.IsNullOrWhiteSpace(options.AnchorKey))
            return new AnchorKeyRing(Decode(options.AnchorKey, "Privacy:AnchorKey"), previous);
        if (!string.IsNullOrWhiteSpace(options.AnchorKeyFile))
        {
            if (!File.Exists(options.AnchorKeyFile))
                throw Invalid($"Privacy:AnchorKeyFile names '{options.AnchorKeyFile}', which does not exist.");
            return FromFile(options.AnchorKeyFile, previous);
        }

        if (clusterMode)
            throw Invalid("Cluster mode needs the audit anchor key every node shares, kept out of Redis: set Privacy:AnchorKey "
                + "(environment variable Privacy__AnchorKey) to base64 of 32 random bytes (openssl rand -base64 32), or Privacy:AnchorKeyFile.");

        var file = DefaultKeyFile(dataFolder);
        if (!File.Exists(file)) CreateKeyFile(file);
        return FromFile(file, previous);
    }

    private static AnchorKeyRing FromFile(string file, List<byte[]> previous)
    {
        var keys = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select((key, i) => Decode(key, $"line {i + 1} of {file}")).ToList();
        if (keys.Count == 0) throw Invalid($"The anchor key file {file} holds no key.");
        return new AnchorKeyRing(keys[0], [.. keys.Skip(1), .. previous]);
    }

    /// <summary>A new random key, in a file only the server account may read (in a folder only it may enter).</summary>
    private static void CreateKeyFile(string file) =>
        OwnerOnly.CreateSecretFile(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(AnchorKeyRing.MinimumKeyBytes)) + Environment.NewLine);

    private static byte[] Decode(string base64, string where)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw Invalid($"{where} is not base64.");
        }

        return key.Length >= AnchorKeyRing.MinimumKeyBytes
            ? key
            : throw Invalid($"{where} has {key.Length} bytes; an anchor key needs at least {AnchorKeyRing.MinimumKeyBytes} (openssl rand -base64 32).");
    }

    private static StartupFailure Invalid(string message) => new(StartupFailure.InvalidConfiguration, message);
}
