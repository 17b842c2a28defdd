using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

/// <summary>One case of the student with its whole trail and every referral of it.</summary>
public sealed record CaseExport(CaseView Case, AuditTrail Trail, ReferralView[] Referrals);

/// <summary>
/// Everything CrisisHub holds about one student, for a guardian's (or the student's) request: the record with its
/// guardians, every case with its trail and referrals, the screening results with their items, every version of their plan
/// (一生一策), the monthly meetings' reviews of them (分级台账), the correction requests, and who read the data.
/// </summary>
public sealed record SubjectExport(string Format, DateTimeOffset ExportedAt, string ExportedBy, StudentView Student, CaseExport[] Cases,
    RecordedScreening[] Screenings, PlanVersion[] PlanVersions, LedgerReview[] LedgerReviews, CorrectionRequest[] Corrections, PersonalDataReadLog Reads)
{
    public const string CurrentFormat = "crisishub.subject-export.v1";

    /// <summary>
    /// Records the export in the student's read log first (an export that cannot be recorded is not made), then reads
    /// each part as the exporter: the cases' and referrals' own trails record those reads too.
    /// </summary>
    public static async Task<SubjectExport> BuildAsync(IGrainFactory grains, CurrentUser exporter, StudentView student, TimeProvider time)
    {
        var studentId = student.Record.StudentId;
        await PersonalDataReads.RecordAsync(grains, exporter, PersonalDataReadKind.RecordExported, studentId, studentId);
        var cases = new List<CaseExport>();
        foreach (var caseId in await grains.GetGrain<IStudentGrain>(studentId).CaseIdsAsync())
        {
            var grain = grains.GetGrain<IStudentCaseGrain>(caseId);
            // Each case on its own placement: a student who moved brings no other school's cases into this export.
            if (await grain.GetRoutingAsync() is not { } routing || !exporter.OverseesPrivacyOf(routing.Placement)) continue;
            var view = await grain.ReadAsync(exporter.Actor);
            var trail = await grain.ReadAuditAsync(exporter.Actor);
            var referrals = await Task.WhenAll(view.Referrals.Select(r => grains.GetGrain<IReferralGrain>(r.ReferralId).ReadAsync(exporter.Actor)));
            cases.Add(new CaseExport(view, trail, referrals));
        }

        // Results of the schools the exporter oversees, as with cases.
        var screenings = (await grains.GetGrain<IStudentScreeningsGrain>(studentId).ListAsync())
            .Where(s => exporter.OverseesPrivacyOf(student.Placement.DistrictId, s.Result.SchoolId)).ToArray();
        var plan = await grains.GetGrain<IStudentPlanGrain>(studentId).VersionsAsync();
        // The reviews kept by the school the student is at (the exporter's): a meeting's decision about them is theirs to see.
        var reviews = await grains.GetGrain<ISchoolLedgerGrain>(student.Placement.SchoolId).ReviewsOfAsync(studentId);
        var corrections = await grains.GetGrain<ICorrectionRequestsGrain>(studentId).ListAsync();
        var reads = await grains.GetGrain<IPersonalDataReadsGrain>(studentId).ListAsync(1000);
        return new SubjectExport(CurrentFormat, time.GetUtcNow(), exporter.UserName, student, [.. cases], screenings, plan, reviews, corrections, reads);
    }
}
