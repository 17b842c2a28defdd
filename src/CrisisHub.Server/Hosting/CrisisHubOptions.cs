using System.ComponentModel.DataAnnotations;

namespace CrisisHub.Server.Hosting;

/// <summary>The "CrisisHub" configuration section.</summary>
public sealed class CrisisHubOptions
{
    public const string Section = "CrisisHub";

    /// <summary>Folder for the database, logs and data-protection keys. Relative paths are from the working directory.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Seed the demo district on first start (when no seed was applied yet).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>A seed file (JSON, the SeedDocument shape) to load instead of the generated demo district.</summary>
    public string? SeedFile { get; set; }

    /// <summary>The password every demo account gets. Only used when seeding demo data.</summary>
    [Required, MinLength(8)]
    public string DemoPassword { get; set; } = "crisishub-demo";

    /// <summary>Sign-in attempts per client address per minute (brute-force brake).</summary>
    [Range(1, 1_000_000)]
    public int LoginAttemptsPerMinute { get; set; } = 30;

    public string DataFolderPath => Path.GetFullPath(DataFolder);
    public string DatabasePath => Path.Combine(DataFolderPath, "crisishub.db");
}

/// <summary>
/// The "Silo" configuration section: how the co-hosted silo finds its cluster and stores state. (The
/// "Orleans" section is Orleans' own provider configuration, so ours lives beside it.)
/// </summary>
public sealed class OrleansHostingOptions
{
    public const string Section = "Silo";

    /// <summary>"Localhost" (embedded, one silo) or "Redis" (cluster mode).</summary>
    [Required]
    public string Clustering { get; set; } = "Localhost";

    /// <summary>"Sqlite" (embedded default) or "Redis" (cluster mode): grain state and reminders.</summary>
    [Required]
    public string Storage { get; set; } = "Sqlite";

    /// <summary>StackExchange.Redis connection string, required when Clustering or Storage is "Redis".</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the SignalR backplane's Redis channels, so several deployments can share one Redis.</summary>
    public string SignalRChannelPrefix { get; set; } = "crisishub";

    /// <summary>The address other silos reach this one at (cluster mode); a pod or host IP.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    public bool UsesRedis => Clustering == "Redis" || Storage == "Redis";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;
    [Required] public string ClusterId { get; set; } = "crisishub";
    [Required] public string ServiceId { get; set; } = "crisishub";
}
