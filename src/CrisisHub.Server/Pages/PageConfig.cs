using CrisisHub.Contracts;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;
using CrisisHub.Contracts.Hotlines;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Server.Admin;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Pages;

/// <summary>A sign the flag form offers, with the grade it suggests (the form groups signs by it).</summary>
public sealed record SignChoice(ObservedSign Sign, CrisisGrade Grade);

/// <summary>
/// The server's rules and lists the pages build forms from, so no page copies them: text limits, languages, the
/// grades in order, the signs a person may tick, the action kinds, the roles an administrator may grant and the default hotlines.
/// Nothing here is secret or personal; the sign-in page reads it before anyone is signed in.
/// </summary>
public sealed record PageConfig(
    int MaxTextLength,
    IReadOnlyList<string> Languages,
    string DefaultLanguage,
    CrisisGrade[] Grades,
    IReadOnlyList<CrisisGrade> ReferableGrades,
    SignChoice[] Signs,
    CaseActionKind[] ActionKinds,
    ResponderRole[] AccountRoles,
    ResponderRole[] ResponderRoles,
    ResponderRole[] BreakGlassRoles,
    ResponderRole[] PrivacyOverseerRoles,
    ResponderRole[] PlanReaderRoles,
    Contracts.Integrations.IntegrationClientKind[] IntegrationKinds,
    Contracts.Integrations.IntegrationPermission[] IntegrationPermissions,
    IReadOnlyList<ObservedSign> MissingWarningSigns,
    FoundCondition[] FoundConditions,
    ResponderRole[] MissingReporterRoles,
    HotlineEntry[] DefaultHotlines)
{
    public static PageConfig Current { get; } = new(
        Limits.MaxTextLength,
        Contracts.Languages.All,
        Contracts.Languages.Default,
        Enum.GetValues<CrisisGrade>(),
        ReferralRules.ReferableGrades,
        // A missing student is reported on the missing-student form (失联: last seen, police, found), not ticked as a sign.
        [.. Enum.GetValues<ObservedSign>().Where(s => !Triage.ComesFromScreening(s) && !Contracts.Missing.MissingGrades.IsMissingSign(s)).Select(s => new SignChoice(s, Triage.GradeOf(s)))],
        Enum.GetValues<CaseActionKind>(),
        // An administrator grants only roles held at a warning-network node (hospital desks come with their hospital).
        [.. Enum.GetValues<ResponderRole>().Where(r => AccountRules.LevelsFor(r).Count > 0)],
        // Guardians are registered with their student and reached by text; every other role may be a node's responder.
        [.. Enum.GetValues<ResponderRole>().Where(r => r != ResponderRole.Guardian)],
        // Who may ask for emergency access to a case (the server checks the school and the grade), and who reviews it.
        [.. Enum.GetValues<ResponderRole>().Where(r => r.HandlesCases())],
        [.. Enum.GetValues<ResponderRole>().Where(r => r.OverseesPrivacy())],
        // Who reads a student's plan (一生一策): the psychology centre, and the adults who carry it out.
        [.. Enum.GetValues<ResponderRole>().Where(Grains.Plans.PlanRules.ReadsPlans)],
        // What an administrator may register an integration client as, and allow it to post.
        Enum.GetValues<Contracts.Integrations.IntegrationClientKind>(),
        Enum.GetValues<Contracts.Integrations.IntegrationPermission>(),
        // The missing-student form (失联): the warning signs it offers, the conditions "found" records, and who may report.
        Contracts.Missing.MissingGrades.WarningSigns,
        Enum.GetValues<FoundCondition>(),
        [.. Enum.GetValues<ResponderRole>().Where(Missing.MissingEndpoints.MayReportMissing)],
        // The sign-in page's hotline bar, before anyone's district is known: the national lines a district starts with.
        HotlineRules.Defaults);
}
