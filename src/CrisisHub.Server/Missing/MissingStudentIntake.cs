using System.Security.Cryptography;
using System.Text;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Missing;

/// <summary>What a missing report became: the case it opened or attached to, its flag, its grade, and whether it was a retry.</summary>
public sealed record MissingIntakeResult(string CaseId, string FlagId, CrisisGrade Grade, bool Replayed, bool OpenedNewCase);

/// <summary>
/// The one door a missing-student report (失联) and its "found" come through, for a person's endpoint and for an integration
/// alike. The caller has checked that the reporter may reach the student or case (a person's class or room, a client's
/// schools); this validates, grades by the district's setting, and makes the report a flag on the student's case,
/// idempotently on the submission key ("{account}/{Idempotency-Key}", "integration:{clientId}/{key}").
/// Registered in DI as a singleton.
/// </summary>
public sealed class MissingStudentIntake(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>
    /// Validation failures throw <see cref="DomainRuleException"/> (400 with the fields); an unknown student is 404; the
    /// same key with a different report is 422 (<see cref="KeyReusedException"/>).
    /// </summary>
    public async Task<MissingIntakeResult> ReportAsync(MissingReport report, Actor reporter, string submissionKey)
    {
        var now = clock.GetUtcNow();
        var errors = report.Validate(now);
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The missing-student report is not valid.", errors);
        var student = await grains.GetGrain<IStudentGrain>(report.StudentId).GetAsync()
            ?? throw DomainRuleException.NotFound($"Student '{report.StudentId}' does not exist.");

        var normalised = report with
        {
            StudentId = student.Record.StudentId, LastSeenPlace = report.LastSeenPlace.Trim(), LastSeenBy = report.LastSeenBy.Trim(),
            WarningSigns = [.. report.WarningSigns.Distinct()], Description = string.IsNullOrWhiteSpace(report.Description) ? null : report.Description.Trim(),
        };
        var grades = await grains.GetGrain<IMissingSettingsGrain>(student.Placement.DistrictId).GetGradesAsync();
        var grade = grades.GradeOf(normalised.WarningSigns);
        var flag = new FlagSubmission(Guid.NewGuid().ToString("N"), normalised.StudentId, FlagSource.MissingStudentReport,
            MissingGrades.FlagSigns(normalised.WarningSigns), normalised.Description, grade, reporter, now, normalised);
        var result = await grains.GetGrain<IFlagSubmissionGrain>(submissionKey).SubmitAsync(flag, Fingerprint(normalised));
        if (result.KeyReusedWithDifferentBody) throw new KeyReusedException();
        var receipt = result.Receipt!;
        return new MissingIntakeResult(receipt.CaseId, receipt.FlagId, grade, result.Replayed, receipt.OpenedNewCase);
    }

    /// <summary>The student was found. 400 for a report that is not valid, 409 when the case has no missing student.</summary>
    public Task<CaseView> FoundAsync(string caseId, FoundReport found, Actor actor, DateTimeOffset? reportedNoLaterThan = null)
    {
        var errors = found.Validate(clock.GetUtcNow());
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The found report is not valid.", errors);
        var trimmed = found with
        {
            FoundPlace = found.FoundPlace.Trim(), FoundBy = found.FoundBy.Trim(), Note = string.IsNullOrWhiteSpace(found.Note) ? null : found.Note.Trim(),
        };
        return grains.GetGrain<IStudentCaseGrain>(caseId).RecordFoundAsync(actor, trimmed, reportedNoLaterThan);
    }

    /// <summary>A digest of the report: the same key must come back with the same report.</summary>
    private static string Fingerprint(MissingReport r)
    {
        var canonical = $"missing|{r.StudentId}|{r.LastSeenAt.UtcTicks}|{r.LastSeenPlace}|{r.LastSeenBy}|{string.Join(',', r.WarningSigns.Order())}|{r.Description}|{r.Source}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The submission key was used before for a different report (422).</summary>
    public sealed class KeyReusedException() : Exception("This submission key was already used for a different report.");
}
