using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Wallboard;

namespace CrisisHub.Server.Reports;

/// <summary>Puts the figures together: a school's month, a district's month (suppressed), the district view.</summary>
public sealed class ReportService(IGrainFactory grains, MonthlyInputs inputs, IAlertBoard board)
{
    public async Task<SchoolMonthFigures> SchoolMonthAsync(WarningNodeView school, ReportMonth month) =>
        MonthlyFigures.Compute(await inputs.GatherAsync(school, month));

    public async Task<DistrictMonthReport> DistrictMonthAsync(WarningNodeView district, ReportMonth month)
    {
        var schools = await SchoolsAsync(district);
        // One school at a time: each already asks its students' grains in batches.
        var months = new List<MonthInputs>();
        foreach (var school in schools) months.Add(await inputs.GatherAsync(school, month));
        var rows = months.Select(m => DistrictFigures.Row(MonthlyFigures.Compute(m), DistrictFigures.ReportLink(district.NodeId, m.SchoolId, month.ToString())));
        var whole = MonthlyFigures.Compute(DistrictFigures.Pooled(month, district.NodeId, district.Name, months));
        return ComplementarySuppression.Apply(
            new DistrictMonthReport(month.ToString(), district.NodeId, district.Name, [.. rows], DistrictFigures.Row(whole, null)));
    }

    public async Task<DistrictOverview> OverviewAsync(WarningNodeView district, DateTimeOffset now)
    {
        var month = ReportMonth.Of(now);
        var today = Grains.SchoolTime.Today(now);
        var from = today.AddYears(-1).AddDays(1);
        var rows = new List<DistrictOverviewRow>();
        foreach (var school in await SchoolsAsync(district))
        {
            var gathered = await inputs.GatherAsync(school, month);
            var figures = MonthlyFigures.Compute(gathered);
            var coverage = MonthlyFigures.Coverage(gathered.Grades, await inputs.ScreenedAsync(school.NodeId, from, today));
            var open = await board.ReadAsync([BoardScope.Wall(school.NodeId)], 0, AlertBoardOrder.MostPerPage);
            var followUp = new OnTime(figures.FollowUp.CaringContacts.Due + figures.FollowUp.CheckIns.Due,
                figures.FollowUp.CaringContacts.InTime + figures.FollowUp.CheckIns.InTime, null);
            rows.Add(ComplementarySuppression.Apply(new DistrictOverviewRow(school.NodeId, school.Name, DistrictFigures.ReportLink(district.NodeId, school.NodeId, month.ToString()),
                Figure.Share(coverage.Screened, coverage.Enrolled),
                Enum.GetValues<CrisisGrade>().Reverse().ToDictionary(g => g.ToString(),
                    g => Figure.Count(open.ByGrade.FirstOrDefault(c => c.Key == g.ToString())?.Count ?? 0)),
                Figure.Count(open.Total),
                Figure.Count(open.Alerts.Count(a => a.Referral?.Overdue == true)),
                Figure.Share(figures.Alerts.All.AcknowledgedInTime),
                Figure.Share(figures.Referrals.GreenChannelSteps),
                Figure.Share(followUp))));
        }

        return new DistrictOverview(district.NodeId, district.Name, month.ToString(), from, today, [.. rows]);
    }

    private async Task<WarningNodeView[]> SchoolsAsync(WarningNodeView district) =>
        (await Task.WhenAll(district.ChildIds.Select(id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync())))
            .OfType<WarningNodeView>().Where(n => n.Level == NetworkLevel.School).OrderBy(n => n.NodeId, StringComparer.Ordinal).ToArray();
}
