using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Missing;

/// <summary>
/// The grade a missing-student report raises, per district: Major with warning signs, Severe without, until an
/// administrator sets others. Stored: names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.MissingGrades")]
public sealed record MissingGrades(CrisisGrade WithWarningSigns, CrisisGrade WithoutWarningSigns)
{
    public static MissingGrades Default { get; } = new(CrisisGrade.Major, CrisisGrade.Severe);

    /// <summary>A missing student always raises an alert: the watch list is not a grade a report may have.</summary>
    public static readonly CrisisGrade[] Allowed = [CrisisGrade.General, CrisisGrade.Severe, CrisisGrade.Major];

    /// <summary>The signs a reporter may tick as warning signs: every person-observed sign except the two that mean "missing".</summary>
    public static IReadOnlyList<ObservedSign> WarningSigns { get; } =
        [.. Enum.GetValues<ObservedSign>().Where(s => !IsMissingSign(s) && !Triage.ComesFromScreening(s))];

    public static bool IsMissingSign(ObservedSign sign) => sign is ObservedSign.Missing or ObservedSign.MissingWithWarningSigns;

    /// <summary>
    /// The grade of a report: the district's grade for it, raised further by a warning sign that alone would be graver
    /// (over-triage is the safe error: a configured Severe never talks an attempt down).
    /// </summary>
    public CrisisGrade GradeOf(ObservedSign[] warningSigns)
    {
        var configured = warningSigns.Length > 0 ? WithWarningSigns : WithoutWarningSigns;
        return Triage.Suggest(warningSigns, configured);
    }

    /// <summary>The flag's signs: the missing sign first, then the warning signs.</summary>
    public static ObservedSign[] FlagSigns(ObservedSign[] warningSigns) =>
        [warningSigns.Length > 0 ? ObservedSign.MissingWithWarningSigns : ObservedSign.Missing, .. warningSigns.Distinct()];

    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var allowed = $"must be one of {string.Join(", ", Allowed)}";
        if (!Allowed.Contains(WithWarningSigns)) errors["withWarningSigns"] = [allowed];
        if (!Allowed.Contains(WithoutWarningSigns)) errors["withoutWarningSigns"] = [allowed];
        if (errors.Count == 0 && WithWarningSigns < WithoutWarningSigns)
            errors["withWarningSigns"] = ["must be at least the grade without warning signs"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The missing-student grades are not valid.", errors);
    }
}

/// <summary>A district's missing-student settings (keyed by district id): the defaults until an administrator sets others.</summary>
public interface IMissingSettingsGrain : IGrainWithStringKey
{
    Task<MissingGrades> GetGradesAsync();

    Task<MissingGrades> SetGradesAsync(MissingGrades grades);
}
