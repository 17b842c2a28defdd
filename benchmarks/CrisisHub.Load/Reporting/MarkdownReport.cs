using System.Globalization;
using System.Text;

namespace CrisisHub.Load.Reporting;

/// <summary>The report as Markdown tables: the rate runs, deadline lateness, idle connections, then the targets.</summary>
public static class MarkdownReport
{
    public static string Render(LoadReport r)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Load benchmark, {r.StartedAt:yyyy-MM-dd HH:mm} UTC — {r.Machine}; a generated district of {r.Schools} schools ({r.Students:N0} students); {r.DurationSeconds:N0} s per run; latency = a monitor's POST /api/flags, from its planned send time, to the head teacher's `alert` push.");
        md.AppendLine();
        md.AppendLine("| system | rate /s | open before | flags (new + attached) | achieved /s | p50 | p99 | max | lost | errors | p99 ÷ floor p99 | p99 last ⅓ ÷ first ⅓ | CPU ms / flag | disk bytes / flag | stored writes / flag | commits (fsyncs) / flag | DB growth / 1,000 flags | peak RSS |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var x in r.Rates)
        {
            var flags = x.System == "product" ? $"{x.Flags:N0} ({x.NewCases:N0} + {x.Attached:N0})" : $"{x.Flags:N0}";
            var errors = x.ReceiversDropped > 0 ? $"{x.Errors} ({x.ReceiversDropped} receivers dropped)" : $"{x.Errors}";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {x.System} | {x.Rate:N0} | {x.OpenBefore:N0} | {flags} | {x.Achieved:N0} | {Ms(x.Latency.P50)} | {Ms(x.Latency.P99)} | {Ms(x.Latency.Max)} | {x.Lost} | {errors} | {Ratio(x.RatioToFloorP99)} | {Ratio(x.LastThirdP99 / x.FirstThirdP99)} | {Num(x.CpuMsPerFlag, "N2")} | {Num(x.DiskBytesPerFlag, "N0")} | {Num(x.StoredWritesPerFlag, "N2")} | {Num(x.DurableCommitsPerFlag, "N2")} | {Bytes(x.DbGrowthBytesPer1000Flags)} | {Bytes(x.PeakRssBytes)} |");
        }

        if (r.Rates.Any(x => x.WallboardOpenMs is not null))
        {
            md.AppendLine();
            md.AppendLine("| district wallboard opened before the run | open alerts (its total) | first page and counts in |");
            md.AppendLine("|---|--:|--:|");
            foreach (var x in r.Rates.Where(x => x.WallboardOpenMs is not null))
                md.AppendLine(CultureInfo.InvariantCulture, $"| product at {x.Rate:N0}/s | {x.WallboardTotal:N0} | {Ms(x.WallboardOpenMs ?? double.NaN)} |");
        }

        if (r.Deadlines is { } d)
        {
            md.AppendLine();
            md.AppendLine("| deadline lateness | pending deadlines | probe alerts | step | steps expected | missing | errors | p50 | p99 | max | peak RSS |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| product | {d.PendingDeadlines:N0} | {d.ProbeCases:N0} | {d.StepSeconds:N0} s | {d.ExpectedSteps:N0} | {d.Missing} | {d.ProbeErrors + d.PendingFlagErrors} | {Ms(d.Lateness.P50)} | {Ms(d.Lateness.P99)} | {Ms(d.Lateness.Max)} | {Bytes(d.PeakRssBytes)} |");
        }

        if (r.Idle is { } i)
        {
            md.AppendLine();
            md.AppendLine("| idle hub connections | requested | open | failed | dropped | RSS before | RSS with them open | per connection | peak RSS |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| product | {i.Requested:N0} | {i.Opened:N0} | {i.Failed} | {i.Dropped} | {Bytes(i.RssBeforeBytes)} | {Bytes(i.RssWithConnectionsBytes)} | {i.KilobytesPerConnection:N1} KiB | {Bytes(i.PeakRssBytes)} |");
        }

        md.AppendLine();
        md.AppendLine("| target | measured | status |");
        md.AppendLine("|---|---|---|");
        foreach (var t in r.Targets) md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Target} | {t.Measured} | {t.Status} |");
        foreach (var note in r.Notes)
        {
            md.AppendLine();
            md.AppendLine(note);
        }

        return md.ToString();
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    private static string Ratio(double? ratio) =>
        ratio is { } x && !double.IsNaN(x) && !double.IsInfinity(x) ? x.ToString("N2", CultureInfo.InvariantCulture) + "×" : "n/a";

    private static string Num(double? value, string format) => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Bytes(double? bytes) => bytes switch
    {
        null => "n/a",
        >= 1024 * 1024 => (bytes.Value / 1024 / 1024).ToString("N1", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes.Value / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.Value.ToString("N0", CultureInfo.InvariantCulture) + " B",
    };
}
