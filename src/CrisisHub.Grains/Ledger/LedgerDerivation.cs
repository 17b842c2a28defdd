using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Grains.Ledger;

/// <summary>An open case as the ledger needs it: its grade, whether a referral is under way, and its next deadline. No content.</summary>
public sealed record OpenCaseFact(string StudentId, string CaseId, string GradeId, CrisisGrade Grade, bool ActiveReferral, DateTimeOffset? NextDeadline);

/// <summary>Why a student is on the ledger: the sources, never a screening's items or scores, never a note.</summary>
public enum LedgerReason
{
    SevereOrMajorCase = 0,
    ActiveReferral = 1,
    GeneralCase = 2,
    WatchCase = 3,
    Plan = 4,
    SevereScreening = 5,
    GeneralScreening = 6,
    WatchScreening = 7,
}

/// <summary>One student's place on the ledger and what put them there.</summary>
public sealed record LedgerEntry(string StudentId, string GradeId, int Level, LedgerReason[] Reasons, string? CaseId, int? PlanLevel,
    string? PlanOwner, DateOnly? PlanReviewOn, DateTimeOffset? CaseDeadline);

/// <summary>
/// The graded attention ledger (分级台账) of one school, derived from its open cases, latest screening results and plans.
/// <list type="bullet">
/// <item>An open case sets a floor: Severe or Major, or any referral under way, is level 1; General is 2; Watch is 4.</item>
/// <item>Above that floor the adults' judgment decides: the student's plan (一生一策) level when they have an open plan,
/// else their screening (Severe 2, General 3, Watch 4; the most serious of their instruments' latest results).</item>
/// <item>So a plan may raise a student above what their case implies, or place them below a screening it was written
/// after, but the ledger never shows a student lower than their open case implies.</item>
/// </list>
/// A screening serious enough to need more than watching opens a case of its own (a screening flag), which then floors it.
/// </summary>
public static class LedgerDerivation
{
    private const int NotListed = int.MaxValue;

    public static LedgerEntry[] Derive(IEnumerable<OpenCaseFact> openCases, IEnumerable<ScreenedStudent> screenings, IEnumerable<PlanSummary> plans)
    {
        var cases = openCases.GroupBy(c => c.StudentId).ToDictionary(g => g.Key, g => g.OrderBy(CaseLevel).First());
        var screened = screenings.Where(s => ScreeningLevel(s.Outcome) is not null).GroupBy(s => s.StudentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => ScreeningLevel(s.Outcome)).ThenByDescending(s => s.Date).First());
        var planned = plans.Where(p => !p.Closed && p.Level is >= LedgerMovements.MostAttention and <= LedgerMovements.LeastAttention)
            .GroupBy(p => p.StudentId).ToDictionary(g => g.Key, g => g.Last());

        var entries = new List<LedgerEntry>();
        foreach (var studentId in cases.Keys.Union(screened.Keys).Union(planned.Keys))
        {
            var openCase = cases.GetValueOrDefault(studentId);
            var screening = screened.GetValueOrDefault(studentId);
            var plan = planned.GetValueOrDefault(studentId);
            var floor = openCase is null ? NotListed : CaseLevel(openCase);
            var judgment = plan?.Level ?? (screening is null ? NotListed : ScreeningLevel(screening.Outcome)!.Value);
            var level = Math.Min(floor, judgment);
            if (level == NotListed) continue;
            entries.Add(new LedgerEntry(studentId, openCase?.GradeId ?? plan?.GradeId ?? screening!.GradeId, level,
                Reasons(openCase, screening, plan), openCase?.CaseId, plan?.Level, plan?.OwnerUserName, plan?.NextReviewOn,
                openCase?.NextDeadline));
        }

        return [.. entries.OrderBy(e => e.Level).ThenBy(e => e.GradeId, StringComparer.Ordinal).ThenBy(e => e.StudentId, StringComparer.Ordinal)];
    }

    public static int CaseLevel(OpenCaseFact openCase) => openCase.ActiveReferral ? 1 : openCase.Grade switch
    {
        CrisisGrade.Major or CrisisGrade.Severe => 1,
        CrisisGrade.General => 2,
        _ => 4,
    };

    public static int? ScreeningLevel(ScreeningOutcome outcome) => outcome switch
    {
        ScreeningOutcome.Severe => 2,
        ScreeningOutcome.General => 3,
        ScreeningOutcome.Watch => 4,
        _ => null,
    };

    private static LedgerReason[] Reasons(OpenCaseFact? openCase, ScreenedStudent? screening, PlanSummary? plan)
    {
        var reasons = new List<LedgerReason>();
        if (openCase is not null)
        {
            if (openCase.Grade is CrisisGrade.Severe or CrisisGrade.Major) reasons.Add(LedgerReason.SevereOrMajorCase);
            if (openCase.ActiveReferral) reasons.Add(LedgerReason.ActiveReferral);
            if (openCase.Grade == CrisisGrade.General) reasons.Add(LedgerReason.GeneralCase);
            if (openCase.Grade == CrisisGrade.Watch) reasons.Add(LedgerReason.WatchCase);
        }

        if (plan is not null) reasons.Add(LedgerReason.Plan);
        if (screening is not null)
        {
            reasons.Add(screening.Outcome switch
            {
                ScreeningOutcome.Severe => LedgerReason.SevereScreening,
                ScreeningOutcome.General => LedgerReason.GeneralScreening,
                _ => LedgerReason.WatchScreening,
            });
        }

        return [.. reasons];
    }
}
