using System.ComponentModel.DataAnnotations;

namespace CrisisHub.Server.Privacy;

/// <summary>Emergency access (configuration section "Privacy:BreakGlass").</summary>
public sealed class BreakGlassOptions
{
    public const string Section = "Privacy:BreakGlass";

    /// <summary>How long an emergency access lasts; a longer need opens a new one, with a new reason.</summary>
    [Range(5, 480)] public int Minutes { get; set; } = 60;
}
