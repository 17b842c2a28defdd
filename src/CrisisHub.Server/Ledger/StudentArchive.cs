using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Privacy;

namespace CrisisHub.Server.Ledger;

/// <summary>A screening result where the student was screened; <see cref="Items"/> only for the psychology centre.</summary>
public sealed record ArchiveScreening(string InstrumentId, DateOnly Date, string SchoolId, string GradeId, int Total, ScreeningOutcome Outcome,
    string? Rule, int[]? Items);

/// <summary>A case as the archive lists it: where the student was when it opened, its grade, where it stands. No signs, no notes.</summary>
public sealed record ArchiveCase(string CaseId, string SchoolId, string GradeId, string ClassId, CrisisGrade Grade, CaseStatus Status,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>A step of a referral: the status it reached and when.</summary>
public sealed record ArchiveReferralStep(ReferralStatus Status, DateTimeOffset At);

public sealed record ArchiveReferral(string ReferralId, string CaseId, string SchoolId, string HospitalName, CrisisGrade Grade, ReferralStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt, ArchiveReferralStep[] Steps);

/// <summary>A return to school (复学) after a referral: discharge, caring contact, re-entry meeting, and how the check-ins went.</summary>
public sealed record ArchiveReturn(string ReferralId, string SchoolId, DateTimeOffset? DischargedAt, DateTimeOffset? CaringContactAt,
    DateTimeOffset? ReturnDate, DateTimeOffset? ReEntryRecordedAt, int CheckInsDone, int CheckInsMissed, int CheckIns);

/// <summary>A saved version of the student's plan: when, at which ledger level, whose, and its next review.</summary>
public sealed record ArchivePlan(int Version, DateTimeOffset SavedAt, int Level, string OwnerUserName, DateOnly NextReviewOn);

/// <summary>
/// A student's archive (一生一档): everything the district holds of them, across school years and the district's schools
/// (the student id stays with them when they move), each entry with the school and grade it was made at.
/// <see cref="Places"/> names every school and grade id the entries mention.
/// </summary>
public sealed record StudentArchive(string StudentId, string Name, string SchoolId, string GradeId, string ClassId, ArchiveScreening[] Screenings,
    ArchiveCase[] Cases, ArchiveReferral[] Referrals, ArchiveReturn[] Returns, ArchivePlan[] Plans, IReadOnlyDictionary<string, string> Places)
{
    /// <summary>
    /// Records the read in the student's read log first (an archive that cannot be recorded is not answered); each case
    /// and referral is then read as the reader, so their own trails record it too. A case or screening made in another
    /// district is not this district's to show.
    /// </summary>
    public static async Task<StudentArchive> BuildAsync(IGrainFactory grains, CurrentUser reader, StudentView student)
    {
        var studentId = student.Record.StudentId;
        var district = student.Placement.DistrictId;
        await PersonalDataReads.RecordAsync(grains, reader, PersonalDataReadKind.ArchiveRead, studentId, studentId);

        var cases = new List<CaseView>();
        foreach (var caseId in await grains.GetGrain<IStudentGrain>(studentId).CaseIdsAsync())
        {
            var grain = grains.GetGrain<IStudentCaseGrain>(caseId);
            if (await grain.GetRoutingAsync() is not { } routing || routing.Placement.DistrictId != district) continue;
            cases.Add(await grain.ReadAsync(reader.Actor));
        }

        var referrals = new List<(ReferralView View, string SchoolId)>();
        foreach (var view in cases)
        {
            foreach (var summary in view.Referrals)
                referrals.Add((await grains.GetGrain<IReferralGrain>(summary.ReferralId).ReadAsync(reader.Actor), view.Placement.SchoolId));
        }

        var screenings = await grains.GetGrain<IStudentScreeningsGrain>(studentId).ListAsync();
        var plans = await grains.GetGrain<IStudentPlanGrain>(studentId).VersionsAsync();
        var places = await NetworkNodes.ReadAsync(grains, [student.Placement.SchoolId, student.Placement.GradeId, student.Placement.ClassId,
            .. cases.SelectMany(c => new[] { c.Placement.SchoolId, c.Placement.GradeId }), .. screenings.SelectMany(s => new[] { s.Result.SchoolId, s.Result.GradeId })]);
        var clinical = reader.Role == ResponderRole.SchoolPsychologist;

        return new StudentArchive(studentId, student.Record.Name, student.Placement.SchoolId, student.Placement.GradeId, student.Placement.ClassId,
            [.. screenings.Select(s => s.Result)
                .Where(r => places.TryGetValue(r.SchoolId, out var school) && school.DistrictId == district)
                .OrderBy(r => r.Date)
                .Select(r => new ArchiveScreening(r.InstrumentId, r.Date, r.SchoolId, r.GradeId, r.Total, r.Outcome, r.Rule, clinical ? r.Items : null))],
            [.. cases.Select(c => new ArchiveCase(c.CaseId, c.Placement.SchoolId, c.Placement.GradeId, c.Placement.ClassId, c.Grade, c.Status, c.OpenedAt, c.ClosedAt))],
            [.. referrals.Select(r => new ArchiveReferral(r.View.ReferralId, r.View.CaseId, r.SchoolId, r.View.HospitalName, r.View.Grade, r.View.Status,
                r.View.RequestedAt, r.View.UpdatedAt, Steps(r.View.Events)))],
            [.. referrals.Where(r => r.View.Return.DischargedAt is not null || r.View.Return.ReEntry is not null).Select(r => Return(r.View, r.SchoolId))],
            [.. plans.Select(p => new ArchivePlan(p.Version, p.SavedAt, p.Plan.Level, p.Plan.OwnerUserName, p.Plan.NextReviewOn))],
            places.ToDictionary(p => p.Key, p => p.Value.Name));
    }

    /// <summary>Each status the referral reached, once, at the time it reached it.</summary>
    private static ArchiveReferralStep[] Steps(ReferralEvent[] events) =>
        [.. events.OrderBy(e => e.Sequence).DistinctBy(e => e.Status).Select(e => new ArchiveReferralStep(e.Status, e.At))];

    private static ArchiveReturn Return(ReferralView view, string schoolId)
    {
        var plan = view.Return;
        return new ArchiveReturn(view.ReferralId, schoolId, plan.DischargedAt, plan.CaringContactAt, plan.ReEntry?.ReturnDate, plan.ReEntry?.RecordedAt,
            plan.CheckIns.Count(c => c.DoneAt is not null), plan.CheckIns.Count(c => c.Missed), plan.CheckIns.Length);
    }
}
