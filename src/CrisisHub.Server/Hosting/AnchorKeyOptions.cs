namespace CrisisHub.Server.Hosting;

/// <summary>
/// The keys the daily audit anchors are signed with ("Privacy" section). They must never be stored in the database the
/// anchors protect: whoever can rewrite the database must not be able to re-sign its anchors.
/// </summary>
public sealed class AnchorKeyOptions
{
    public const string Section = "Privacy";

    /// <summary>The current key: base64 of at least 32 random bytes (`openssl rand -base64 32`). Cluster mode needs it (or a key file).</summary>
    public string? AnchorKey { get; set; }

    /// <summary>A file of base64 keys, one a line: the first signs, the others still verify. Default (embedded): &lt;data&gt;/secrets/anchor.key.</summary>
    public string? AnchorKeyFile { get; set; }

    /// <summary>Keys rotated out that still verify the anchors they signed.</summary>
    public string[] PreviousAnchorKeys { get; set; } = [];
}
