namespace CrisisHub.Grains.Escalation;

/// <summary>
/// The bounds every escalation policy must keep (configuration section <see cref="Section"/>). Without
/// them a one-millisecond step ran a General policy to "exhausted" in seconds: nobody had a chance to
/// answer, and the wallboard showed a failure that was the policy's, not the school's.
/// </summary>
public sealed class PolicyLimits
{
    public const string Section = "CrisisHub:PolicyLimits";

    /// <summary>The shortest acknowledgement deadline of a step: time for a phone to ring and a person to look.</summary>
    public TimeSpan MinAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The shortest time an acknowledged alert may wait for a recorded action before it is triggered again.</summary>
    public TimeSpan MinActionWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times the steps may run again after the last one before the alert is exhausted.</summary>
    public int MaxRepeats { get; set; } = 10;

    /// <summary>Why the limits themselves are unusable, or null: a zero floor would bring back the 1 ms policy.</summary>
    public string? Problem() =>
        MinAcknowledgeWithin <= TimeSpan.Zero ? $"{Section}:MinAcknowledgeWithin must be positive"
        : MinActionWithin <= TimeSpan.Zero ? $"{Section}:MinActionWithin must be positive"
        : MaxRepeats < 0 ? $"{Section}:MaxRepeats must not be negative"
        : null;
}
