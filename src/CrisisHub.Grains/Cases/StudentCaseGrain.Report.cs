using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Reports;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// What the monthly report reads of a case: flags without their reporter or content, and the escalation events of the
/// audit trail (the state keeps only where escalation stands now; the trail keeps every raise, step and acknowledgement).
/// </summary>
public sealed partial class StudentCaseGrain
{
    public async Task<CaseReportFacts?> GetReportFactsAsync()
    {
        if (!Opened) return null;
        var records = await Trail.ReadAllAsync();
        var alerts = records.Select(r => AlertFactOf(r, GradeAt(r.At))).OfType<AlertFact>().ToArray();
        return new CaseReportFacts(S.CaseId, S.Placement!.SchoolId, S.Placement.GradeId, S.Grade, S.OpenedAt, S.ClosedAt,
            [.. S.Flags.Select(f => new FlagFact(f.Source, f.SuggestedGrade, f.SubmittedAt))], alerts,
            [.. S.Referrals.Select(r => r.Summary.ReferralId)]);
    }

    /// <summary>The grade in force at <paramref name="at"/>, from the grade changes (kept through anonymisation, unlike the trail's text).</summary>
    private CrisisGrade GradeAt(DateTimeOffset at)
    {
        var grade = S.GradeChanges.Count > 0 ? S.GradeChanges[0].From : S.Grade;
        foreach (var change in S.GradeChanges.Where(c => c.At <= at)) grade = change.To;
        return grade;
    }

    private static AlertFact? AlertFactOf(AuditRecord record, CrisisGrade grade)
    {
        AlertFactKind? kind = record.Action switch
        {
            AuditActions.AlertRaised => AlertFactKind.Raised,
            AuditActions.AlertEscalated => AlertFactKind.Escalated,
            AuditActions.AlertAcknowledged => AlertFactKind.Acknowledged,
            AuditActions.EscalationExhausted => AlertFactKind.Exhausted,
            _ => null,
        };
        if (kind is null) return null;
        var step = record.Step;
        return new AlertFact(kind.Value, record.At, grade, step?.StepIndex ?? 0, step?.Round ?? 0, step?.Levels ?? [], step?.Deadline);
    }
}
