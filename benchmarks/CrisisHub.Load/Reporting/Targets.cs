namespace CrisisHub.Load.Reporting;

/// <summary>
/// The targets, read against a run. The benchmark reports; it does not assert. A target is judged at the
/// size it is stated for; a run that is smaller (fewer schools, a lower rate, a shorter run) still shows the value
/// and says so next to the verdict.
/// </summary>
public static class Targets
{
    private const double GiB = 1024.0 * 1024 * 1024;
    private const double MB = 1_000_000;

    public static IReadOnlyList<TargetResult> Evaluate(LoadReport report, LoadOptions options)
    {
        var targets = new List<TargetResult>();
        var product = report.Rates.Where(r => r.System == "product").ToList();
        var fullDistrict = options.Schools >= 100 && options.StudentsPerClass >= 32;

        var top = product.Where(r => r.Rate >= 1000).OrderByDescending(r => r.OpenBefore).FirstOrDefault()
            ?? product.OrderByDescending(r => r.Rate).ThenByDescending(r => r.OpenBefore).FirstOrDefault();
        if (top is not null)
        {
            var full = fullDistrict && top.Rate >= 1000 && top.DurationSeconds >= 60 && top.OpenBefore >= 10_000;
            var at = $" (at {top.Rate:N0}/s, {top.DurationSeconds:N0} s, {top.OpenBefore:N0} open)";
            targets.Add(new("1,000 flags/s for 60 s with 10,000 open: 0 lost", $"{top.Lost} lost, {top.Errors} errors{at}", Verdict(top.Lost == 0 && top.Errors == 0, full)));
            targets.Add(new("… p99 ≤ 100 ms", $"{Ms(top.Latency.P99)}{at}", Verdict(top.Latency.P99 <= 100, full)));
            targets.Add(new("… last 20 s p99 ≤ 1.2 × first 20 s p99", $"{Ms(top.LastThirdP99)} vs {Ms(top.FirstThirdP99)}{at}",
                Verdict(top.LastThirdP99 <= 1.2 * top.FirstThirdP99, full)));
        }

        foreach (var r in product.Where(r => r.Rate == 200))
            targets.Add(new($"200 flags/s ({r.OpenBefore:N0} open): p99 ≤ 3 × floor p99", $"{Ratio(r.RatioToFloorP99)}", Verdict(r.RatioToFloorP99 <= 3, fullDistrict)));

        foreach (var rate in product.Select(r => r.Rate).Distinct())
        {
            var none = product.FirstOrDefault(r => r.Rate == rate && r.OpenBefore == 0);
            var many = product.Where(r => r.Rate == rate && r.OpenBefore > 0).MaxBy(r => r.OpenBefore);
            if (none is null || many is null) continue;
            var full = fullDistrict && many.OpenBefore >= 10_000;
            var cpu = many.CpuMsPerFlag / none.CpuMsPerFlag;
            targets.Add(new($"{rate:N0}/s: CPU per flag with {many.OpenBefore:N0} open ≤ 1.2 × with none",
                $"{many.CpuMsPerFlag:N2} vs {none.CpuMsPerFlag:N2} ms ({Ratio(cpu)})", Verdict(cpu <= 1.2, full)));
            var disk = many.DiskBytesPerFlag / none.DiskBytesPerFlag;
            targets.Add(new($"{rate:N0}/s: disk bytes per flag with {many.OpenBefore:N0} open ≤ 1.2 × with none",
                $"{many.DiskBytesPerFlag:N0} vs {none.DiskBytesPerFlag:N0} B ({Ratio(disk)})", disk is null ? "n/a" : Verdict(disk <= 1.2, full)));
        }

        if (product.Count > 0)
        {
            var growth = product.Max(r => r.DbGrowthBytesPer1000Flags ?? 0);
            targets.Add(new("≤ 3 MB database growth per 1,000 flags", $"{growth / MB:N2} MB (worst run)", Verdict(growth <= 3 * MB, fullDistrict)));
            var rss = Math.Max(product.Max(r => r.PeakRssBytes ?? 0), report.Deadlines?.PeakRssBytes ?? 0);
            targets.Add(new("peak RSS ≤ 1 GiB", $"{rss / GiB:N2} GiB (worst run)", Verdict(rss <= GiB, fullDistrict)));
        }

        if (product.Where(r => r.WallboardOpenMs is not null).MaxBy(r => r.WallboardTotal) is { } board)
            targets.Add(new("district wallboard with 10,000 open alerts opens in < 1 s (a page, exact counts)",
                $"{Ms(board.WallboardOpenMs ?? double.NaN)} with {board.WallboardTotal:N0} open", Verdict(board.WallboardOpenMs < 1000, board.WallboardTotal >= 10_000)));

        if (report.Deadlines is { } d)
            targets.Add(new("deadline lateness p99 ≤ 250 ms with 50,000 pending", $"{Ms(d.Lateness.P99)} with {d.PendingDeadlines:N0} pending, {d.Missing} missing",
                Verdict(d.Lateness.P99 <= 250 && d.Missing == 0, d.PendingDeadlines >= 50_000)));
        if (report.Idle is { } idle)
            targets.Add(new("10,000 idle hub connections ≤ 1 GiB RSS", $"{idle.RssWithConnectionsBytes / GiB:N2} GiB with {idle.Opened:N0} open",
                Verdict(idle.RssWithConnectionsBytes <= GiB && idle.Failed == 0, idle.Opened >= 10_000)));
        return targets;
    }

    private static string Verdict(bool met, bool atTargetSize) =>
        (met ? "met" : "not met") + (atTargetSize ? "" : " (run smaller than the target's)");

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : $"{ms:N1} ms";

    private static string Ratio(double? ratio) => ratio is { } r && !double.IsNaN(r) && !double.IsInfinity(r) ? $"{r:N2}×" : "n/a";
}
