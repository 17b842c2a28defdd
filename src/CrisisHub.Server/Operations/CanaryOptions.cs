using System.ComponentModel.DataAnnotations;

namespace CrisisHub.Server.Operations;

/// <summary>
/// The "Canary" configuration section: a synthetic student and responders of this node, in a synthetic district of their own,
/// for which the node raises a test alert on a schedule and follows it to the push, the text, the escalation and the
/// acknowledgement. Off unless enabled.
/// </summary>
public sealed class CanaryOptions
{
    public const string Section = "Canary";

    public bool Enabled { get; set; }

    /// <summary>Time between the starts of two runs.</summary>
    [Range(typeof(TimeSpan), "00:02:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the push, the text and the escalation may each take beyond what the policy allows.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This node's name in the canary's ids (letters, digits, '-'); the host name and silo port when not set.</summary>
    [RegularExpression("^[a-z0-9-]{1,32}$")]
    public string? NodeName { get; set; }

    /// <summary>The address the canary reaches this node's own API and hub at; the first address Kestrel listens on when not set.</summary>
    public string? BaseAddress { get; set; }
}
