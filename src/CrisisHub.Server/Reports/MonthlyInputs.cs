using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Reports;
using CrisisHub.Contracts.Screening;

namespace CrisisHub.Server.Reports;

/// <summary>
/// Gathers one school's month from the grains. The school's cases are found through its own network (school → grades →
/// classes → students → each student's case ids), which also gives the enrolment per grade: the cost grows with the
/// school, never with the installation, and no index has to be kept in step with every case. The facts are read without
/// recording a person's read: they carry no names, student ids leave only as counts.
/// </summary>
public sealed class MonthlyInputs(IGrainFactory grains)
{
    /// <summary>How many students' (or cases') grains are asked at once: a big school must not flood the silo.</summary>
    private const int Batch = 64;

    public async Task<MonthInputs> GatherAsync(WarningNodeView school, ReportMonth month)
    {
        var grades = await SchoolGradesAsync(school);
        var cases = (await InBatchesAsync(grades.SelectMany(g => g.StudentIds).Distinct(), CasesOfStudentAsync))
            .SelectMany(c => c)
            // A student who moved here brings their cases of the old school: those are that school's to count.
            .Where(c => c.SchoolId == school.NodeId)
            .Where(c => c.OpenedAt < month.End && (c.ClosedAt is null || c.ClosedAt >= month.Start))
            .ToList();
        var referrals = (await InBatchesAsync(cases.SelectMany(c => c.ReferralIds).Distinct(),
            id => grains.GetGrain<IReferralGrain>(id).GetReportFactsAsync())).OfType<ReferralReportFacts>().ToList();
        var uses = await grains.GetGrain<IBreakGlassGrain>(school.DistrictId).ListAsync();
        return new MonthInputs(month, school.NodeId, school.Name,
            [.. grades.Select(g => new GradeEnrolment(g.Node.NodeId, g.Node.Name, g.StudentIds.Count))],
            cases, referrals, await LedgerAsync(school.NodeId, month), [.. uses.AwaitingReview, .. uses.RecentlyReviewed],
            await ScreenedAsync(school.NodeId, month.FirstDay, month.LastDay));
    }

    /// <summary>The grades of the school with the students of their classes (listed at the class; rooms list the same students).</summary>
    public async Task<IReadOnlyList<(WarningNodeView Node, IReadOnlyCollection<string> StudentIds)>> SchoolGradesAsync(WarningNodeView school)
    {
        var grades = (await NodesAsync(school.ChildIds)).Where(n => n.Level == NetworkLevel.Grade).OrderBy(n => n.NodeId, StringComparer.Ordinal);
        var result = new List<(WarningNodeView, IReadOnlyCollection<string>)>();
        foreach (var grade in grades)
        {
            var classes = (await NodesAsync(grade.ChildIds)).Where(n => n.Level == NetworkLevel.Class);
            result.Add((grade, classes.SelectMany(c => c.StudentIds).ToHashSet(StringComparer.Ordinal)));
        }

        return result;
    }

    /// <summary>Screened students of the school in [from, to] (the school's screening index: no items).</summary>
    public async Task<IReadOnlyList<ScreenedStudent>> ScreenedAsync(string schoolId, DateOnly from, DateOnly to) =>
        await grains.GetGrain<ISchoolScreeningsGrain>(schoolId).ListAsync(from, to);

    /// <summary>The month's reviews of the school's attention ledger.</summary>
    private async Task<IReadOnlyList<LedgerReview>?> LedgerAsync(string schoolId, ReportMonth month) =>
        await grains.GetGrain<ISchoolLedgerGrain>(schoolId).ReviewsAsync(month.ToString());

    private async Task<CaseReportFacts[]> CasesOfStudentAsync(string studentId)
    {
        var ids = await grains.GetGrain<IStudentGrain>(studentId).CaseIdsAsync();
        var facts = await Task.WhenAll(ids.Select(id => grains.GetGrain<IStudentCaseGrain>(id).GetReportFactsAsync()));
        return [.. facts.OfType<CaseReportFacts>()];
    }

    private async Task<WarningNodeView[]> NodesAsync(IEnumerable<string> ids) =>
        (await Task.WhenAll(ids.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync()))).OfType<WarningNodeView>().ToArray();

    private static async Task<List<T>> InBatchesAsync<T>(IEnumerable<string> ids, Func<string, Task<T>> read)
    {
        var results = new List<T>();
        foreach (var chunk in ids.Chunk(Batch)) results.AddRange(await Task.WhenAll(chunk.Select(read)));
        return results;
    }
}
