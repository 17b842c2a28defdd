using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Screening;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Wallboard;
using CrisisHub.Grains.Ledger;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Ledger;

/// <summary>
/// Gathers a school's ledger facts and derives it (<see cref="LedgerDerivation"/> decides; this only reads). The open
/// cases come from the school's wallboard (one query, no student woken); then only the students on the ledger are read,
/// for their names and classes. A student whose plan or screening another school still lists, but who has moved, is
/// on their new school's ledger, not this one.
/// </summary>
public sealed class LedgerBuilder(IGrainFactory grains, IAlertBoard board, SchoolCalendar calendar,
    [FromKeyedServices(Orleans.Runtime.TimeProviderNames.Grains)] TimeProvider clock)
{
    /// <summary>Screenings older than a school year no longer put anyone on the ledger (a plan or a case still does).</summary>
    public const int ScreeningWindowDays = 365;

    public DateOnly Today => calendar.Today(clock);

    public string Month => LedgerMovements.MonthOf(Today);

    public string PreviousMonth => LedgerMovements.MonthOf(Today.AddMonths(-1));

    /// <summary>The derived levels only (no names): what a review's movement is measured from.</summary>
    public async Task<LedgerEntry[]> EntriesAsync(string schoolId)
    {
        var today = Today;
        var openCases = OpenCasesAsync(schoolId);
        var screenings = grains.GetGrain<ISchoolScreeningsGrain>(schoolId).ListAsync(today.AddDays(-ScreeningWindowDays), today);
        var plans = grains.GetGrain<ISchoolPlansGrain>(schoolId).ListAsync();
        return LedgerDerivation.Derive(await openCases, await screenings, await plans);
    }

    public async Task<LedgerView> ViewAsync(CurrentUser user, WarningNodeView school, LedgerReach reach)
    {
        var labels = (await grains.GetGrain<ILedgerSettingsGrain>(school.DistrictId).GetLabelsAsync()).For(user.Language);
        var entries = await EntriesAsync(school.NodeId);
        var students = (await Task.WhenAll(entries.Select(e => grains.GetGrain<IStudentGrain>(e.StudentId).GetAsync())))
            .OfType<StudentView>().Where(s => s.Placement.SchoolId == school.NodeId).ToDictionary(s => s.Record.StudentId);
        entries = [.. entries.Where(e => students.ContainsKey(e.StudentId))];
        LedgerLevelView[] levels = [.. Enumerable.Range(LedgerMovements.MostAttention, LedgerLevelLabels.LevelCount)
            .Select(level => LedgerLevelView.Of(level, labels[level - 1], entries.Count(e => e.Level == level), forOutsiders: reach != LedgerReach.Keeper))];
        if (reach != LedgerReach.Keeper)
            return new LedgerView(school.NodeId, school.Name, Month, PreviousMonth, levels, [], NamesShown: false, CanReview: false, CanOpenArchive: false);

        var nodes = await NetworkNodes.ReadAsync(grains, students.Values.SelectMany(s => new[] { s.Placement.GradeId, s.Placement.ClassId }));
        var owners = await OwnerNamesAsync(entries.Select(e => e.PlanOwner).OfType<string>());
        var reviews = (await grains.GetGrain<ISchoolLedgerGrain>(school.NodeId).LatestPerStudentAsync()).ToDictionary(r => r.StudentId);
        var month = Month;
        LedgerRow[] rows = [.. entries.Select(e =>
        {
            var placement = students[e.StudentId].Placement;
            var classNode = nodes.GetValueOrDefault(placement.ClassId);
            var headTeacher = classNode?.Responders.FirstOrDefault(r => r.Role == ResponderRole.HeadTeacher)?.Name;
            var last = reviews.GetValueOrDefault(e.StudentId);
            return new LedgerRow(e.StudentId, students[e.StudentId].Record.Name, placement.GradeId, nodes.GetValueOrDefault(placement.GradeId)?.Name ?? placement.GradeId,
                placement.ClassId, classNode?.Name ?? placement.ClassId, e.Level, e.Reasons, e.CaseId,
                e.PlanOwner is { } owner ? owners.GetValueOrDefault(owner, owner) : headTeacher,
                e.PlanReviewOn, e.PlanReviewOn is null ? e.CaseDeadline : null, last, last?.Month == month ? last : null);
        })];
        return new LedgerView(school.NodeId, school.Name, month, PreviousMonth, levels, rows, NamesShown: true, CanReview: true,
            CanOpenArchive: user.Role == ResponderRole.SchoolPsychologist);
    }

    /// <summary>The school's open cases, a wallboard page at a time; each case's routing names its student (the board does not).</summary>
    private async Task<List<OpenCaseFact>> OpenCasesAsync(string schoolId)
    {
        var alerts = new List<AlertSummary>();
        AlertBoardPage page;
        do
        {
            page = await board.ReadAsync([BoardScope.Wall(schoolId)], alerts.Count, AlertBoardOrder.MostPerPage);
            alerts.AddRange(page.Alerts);
        }
        while (page.Alerts.Length > 0 && alerts.Count < page.Total);

        var facts = new List<OpenCaseFact>();
        foreach (var chunk in alerts.Chunk(32))
        {
            var routings = await Task.WhenAll(chunk.Select(a => grains.GetGrain<Contracts.Cases.IStudentCaseGrain>(a.CaseId).GetRoutingAsync()));
            facts.AddRange(chunk.Zip(routings).Where(p => p.Second is not null).Select(p => new OpenCaseFact(p.Second!.StudentId, p.First.CaseId,
                p.Second.Placement.GradeId, p.First.Grade, p.First.Referral is { } r && r.Status.IsOpen(), NextDeadline(p.First))));
        }

        return facts;
    }

    /// <summary>The case's next deadline: its escalation step's or its referral's, whichever comes first.</summary>
    private static DateTimeOffset? NextDeadline(AlertSummary alert) =>
        new[] { alert.StepDeadline, alert.Referral?.CurrentDeadline }.Where(d => d is not null).Min();

    private async Task<Dictionary<string, string>> OwnerNamesAsync(IEnumerable<string> userNames)
    {
        var accounts = await Task.WhenAll(userNames.Distinct().Select(u => grains.GetGrain<IUserAccountGrain>(u).GetAsync()));
        return accounts.OfType<UserAccount>().ToDictionary(a => a.UserName, a => a.DisplayName);
    }
}
