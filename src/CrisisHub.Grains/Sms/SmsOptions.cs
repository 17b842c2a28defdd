namespace CrisisHub.Grains.Sms;

/// <summary>The "Sms" configuration section: content and pacing of alert texts.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>A text stuck in a queue longer than this is not delivered at all (an alert hours late misleads).</summary>
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>General alerts only: no texts between these local times; they wait for the end.</summary>
    public TimeOnly? QuietHoursStart { get; set; } = new(22, 0);
    public TimeOnly? QuietHoursEnd { get; set; } = new(7, 0);
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>General alerts only: at most one text per recipient per this interval; later ones queue.</summary>
    public TimeSpan GeneralSpacing { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First retry after a transient failure; doubles up to MaxRetryDelay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where links in texts point (none are sent to +86 numbers). Empty: no links.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Templates by "{language}.{kind}" (kinds: Alert, Family, Acknowledged, AlreadyAcknowledged, Confirmed,
    /// Closed, Help). Placeholders: {grade} {case} {school} {code} {link} {name}. Missing keys use the defaults.
    /// </summary>
    public Dictionary<string, string> Templates { get; set; } = [];
}
