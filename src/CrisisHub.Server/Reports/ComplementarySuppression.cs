namespace CrisisHub.Server.Reports;

/// <summary>
/// Suppressing the small cells is not enough when a table also shows their total: 12 flags, 8 from teachers and the rest
/// "&lt;5" from one source says that source's 4. Where exactly one part of a shown total is suppressed, the smallest other
/// part shown is suppressed too (or, with none left to hide, the total): what is left then tells a sum of hidden cells,
/// never one of them. Applied to each school's row (flags by source and by grade against the flags), to each column
/// across the schools against the district's row, and to the view's open cases by grade.
/// </summary>
public static class ComplementarySuppression
{
    private static readonly Figure Hidden = new(null, true);

    /// <summary>The district's month with every total's parts made safe, rows first, then columns.</summary>
    public static DistrictMonthReport Apply(DistrictMonthReport report)
    {
        var schools = report.Schools.Select(WithinRow).ToArray();
        var district = WithinRow(report.District);
        foreach (var (get, set) in Columns)
        {
            var parts = schools.Select(get).ToArray();
            if (get(district) is not { } total) continue;
            var (safeParts, safeTotal) = Group(parts, total);
            for (var i = 0; i < schools.Length; i++) schools[i] = set(schools[i], safeParts[i]!);
            district = set(district, safeTotal);
        }

        foreach (var key in district.FlagsBySource.Keys.ToList()) Column(schools, district, r => r.FlagsBySource, key);
        foreach (var key in district.FlagsByGrade.Keys.ToList()) Column(schools, district, r => r.FlagsByGrade, key);
        return report with { Schools = schools, District = district };
    }

    public static DistrictOverviewRow Apply(DistrictOverviewRow row)
    {
        var (byGrade, open) = Group(row.OpenCasesByGrade, row.OpenCases);
        return row with { OpenCasesByGrade = byGrade, OpenCases = open };
    }

    private static DistrictSchoolRow WithinRow(DistrictSchoolRow row)
    {
        var (bySource, flags) = Group(row.FlagsBySource, row.Flags);
        var (byGrade, flagsAgain) = Group(row.FlagsByGrade, flags);
        // Hiding a grade's count may have hidden the total; then the sources' parts no longer add up to anything shown.
        return row with { FlagsBySource = bySource, FlagsByGrade = byGrade, Flags = flagsAgain };
    }

    private static void Column(DistrictSchoolRow[] schools, DistrictSchoolRow district, Func<DistrictSchoolRow, Dictionary<string, Figure>> of, string key)
    {
        var (parts, total) = Group([.. schools.Select(s => of(s).GetValueOrDefault(key))], of(district)[key]);
        for (var i = 0; i < schools.Length; i++)
            if (parts[i] is { } part && of(schools[i]).ContainsKey(key)) of(schools[i])[key] = part;
        of(district)[key] = total;
    }

    private static (Dictionary<string, Figure> Parts, Figure Total) Group(Dictionary<string, Figure> parts, Figure total)
    {
        var keys = parts.Keys.ToArray();
        var (safe, safeTotal) = Group([.. keys.Select(k => parts[k])], total);
        return (keys.Zip(safe).ToDictionary(p => p.First, p => p.Second!), safeTotal);
    }

    /// <summary>The rule on one total and its parts (a part may be absent: a school without that column).</summary>
    public static (Figure?[] Parts, Figure Total) Group(Figure?[] parts, Figure total)
    {
        var safe = parts.ToArray();
        if (total.Suppressed || safe.Count(p => p is { Suppressed: true }) != 1) return (safe, total);
        var smallest = safe.Select((p, i) => (Part: p, Index: i)).Where(p => p.Part is { Suppressed: false, Value: > 0 })
            .OrderBy(p => p.Part!.Value).FirstOrDefault();
        if (smallest.Part is null) return (safe, Hidden);
        safe[smallest.Index] = Hidden;
        return (safe, total);
    }

    private static readonly (Func<DistrictSchoolRow, Figure?> Get, Func<DistrictSchoolRow, Figure, DistrictSchoolRow> Set)[] Columns =
    [
        (r => r.Flags, (r, f) => r with { Flags = f }),
        (r => r.AlertsRaised, (r, f) => r with { AlertsRaised = f }),
        (r => r.EscalatedAlerts, (r, f) => r with { EscalatedAlerts = f }),
        (r => r.ExhaustedAlerts, (r, f) => r with { ExhaustedAlerts = f }),
        (r => r.ReferralsRequested, (r, f) => r with { ReferralsRequested = f }),
        (r => r.LedgerRaised, (r, f) => r with { LedgerRaised = f }),
        (r => r.LedgerLowered, (r, f) => r with { LedgerLowered = f }),
        (r => r.BreakGlassUses, (r, f) => r with { BreakGlassUses = f }),
        (r => r.BreakGlassReviewed, (r, f) => r with { BreakGlassReviewed = f }),
    ];
}
