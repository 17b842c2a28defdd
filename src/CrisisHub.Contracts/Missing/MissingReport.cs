using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Missing;

/// <summary>
/// A student is missing (失联): who saw them last, when and where, the warning signs seen before, and a description
/// without a photo. A teacher, a dormitory informant or an integration (a police or monitoring signal) reports it.
/// Stored inside the flag it becomes: names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.MissingReport")]
public sealed record MissingReport(
    string StudentId,
    DateTimeOffset LastSeenAt,
    string LastSeenPlace,
    string LastSeenBy,
    ObservedSign[] WarningSigns,
    string? Description,
    FlagSource Source)
{
    public const int MaxPlaceLength = 60;
    public const int MaxByLength = 60;
    public const int MaxWarningSigns = 12;
    /// <summary>A last-seen time this far ahead of the server's clock is a typo, not a sighting.</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    public bool HasWarningSigns => WarningSigns.Length > 0;

    /// <summary>Field → reasons; empty when the report may be taken. <paramref name="now"/> is the server's clock.</summary>
    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(StudentId) || StudentId.Length > 64) errors["studentId"] = ["is required"];
        if (LastSeenAt == default) errors["lastSeenAt"] = ["is required (when the student was last seen)"];
        else if (LastSeenAt > now + ClockSlack) errors["lastSeenAt"] = ["is in the future"];
        if (string.IsNullOrWhiteSpace(LastSeenPlace) || LastSeenPlace.Trim().Length > MaxPlaceLength)
            errors["lastSeenPlace"] = [$"is required (where the student was last seen, at most {MaxPlaceLength} characters)"];
        if (string.IsNullOrWhiteSpace(LastSeenBy) || LastSeenBy.Trim().Length > MaxByLength)
            errors["lastSeenBy"] = [$"is required (who saw the student last, at most {MaxByLength} characters)"];
        if (WarningSigns is null) errors["warningSigns"] = ["is required (an empty list when none were seen)"];
        else if (WarningSigns.Length > MaxWarningSigns) errors["warningSigns"] = [$"at most {MaxWarningSigns} signs"];
        else if (WarningSigns.Where(s => !MissingGrades.WarningSigns.Contains(s)).ToArray() is { Length: > 0 } bad)
            errors["warningSigns"] = [$"{string.Join(", ", bad)} is not a warning sign; allowed: {string.Join(", ", MissingGrades.WarningSigns)}"];
        if (Description?.Length > Limits.MaxTextLength) errors["description"] = [$"is longer than {Limits.MaxTextLength} characters"];
        if (!Enum.IsDefined(Source)) errors["source"] = ["is not a known source"];
        return errors;
    }
}

/// <summary>How the student was when found.</summary>
public enum FoundCondition
{
    Unharmed = 0,
    Distressed = 1,
    Injured = 2,
    /// <summary>Needs a doctor at once (self-harm, an attempt, intoxication…).</summary>
    MedicalEmergency = 3,
}

/// <summary>The student was found: when, where, by whom, in what condition, and whether a hospital is needed. Stored: names are a contract.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.FoundReport")]
public sealed record FoundReport(
    DateTimeOffset FoundAt,
    string FoundPlace,
    string FoundBy,
    FoundCondition Condition,
    bool HospitalNeeded,
    string? Note)
{
    public Dictionary<string, string[]> Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (FoundAt == default) errors["foundAt"] = ["is required (when the student was found)"];
        else if (FoundAt > now + MissingReport.ClockSlack) errors["foundAt"] = ["is in the future"];
        if (string.IsNullOrWhiteSpace(FoundPlace) || FoundPlace.Trim().Length > MissingReport.MaxPlaceLength)
            errors["foundPlace"] = [$"is required (at most {MissingReport.MaxPlaceLength} characters)"];
        if (string.IsNullOrWhiteSpace(FoundBy) || FoundBy.Trim().Length > MissingReport.MaxByLength)
            errors["foundBy"] = [$"is required (at most {MissingReport.MaxByLength} characters)"];
        if (!Enum.IsDefined(Condition)) errors["condition"] = [$"must be one of {string.Join(", ", Enum.GetNames<FoundCondition>())}"];
        if (Note?.Length > Limits.MaxTextLength) errors["note"] = [$"is longer than {Limits.MaxTextLength} characters"];
        return errors;
    }
}

/// <summary>One missing episode of a case as its readers see it: the report, and the found facts once recorded.</summary>
[GenerateSerializer, Immutable]
public sealed record MissingEpisodeView(int Number, MissingReport Report, string ReportedBy, DateTimeOffset ReportedAt,
    FoundReport? Found, string? FoundRecordedBy, DateTimeOffset? FoundRecordedAt)
{
    public bool Open => Found is null;
}
