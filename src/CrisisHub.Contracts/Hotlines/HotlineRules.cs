using System.Text.RegularExpressions;

namespace CrisisHub.Contracts.Hotlines;

/// <summary>What a hotline directory may hold, and the national numbers a district starts with.</summary>
public static partial class HotlineRules
{
    public const int MaxEntries = 12;
    public const int MaxNameLength = 30;
    public const int MaxEnglishNameLength = 60;
    public const int MaxHoursLength = 40;
    public const int MinNumberLength = 3;
    public const int MaxNumberLength = 20;

    private static readonly HotlineAudience[] Everyone = [HotlineAudience.Students, HotlineAudience.Parents];

    /// <summary>
    /// 12356, the national psychological assistance line (nationwide since May 2025, round the clock); 12355, the
    /// Communist Youth League's youth line; 12320, the health line, for parents. Their hours vary by province, so only
    /// 12356 says any.
    /// </summary>
    public static HotlineEntry[] Defaults { get; } =
    [
        new("心理援助热线", "Psychological assistance line", "12356", "24h", Everyone),
        new("青少年服务台", "Youth line", "12355", "", Everyone),
        new("卫生热线", "Health line", "12320", "", [HotlineAudience.Parents]),
    ];

    /// <summary>A dialable number: digits, an optional leading "+", single dashes between digits.</summary>
    [GeneratedRegex(@"^\+?[0-9]+(-[0-9]+)*$")]
    private static partial Regex NumberShape();

    /// <summary>The entries trimmed and with each audience listed once, or a refusal naming every field that is wrong.</summary>
    public static HotlineEntry[] Normalise(HotlineEntry[]? entries)
    {
        var errors = new Dictionary<string, string[]>();
        if (entries is null || entries.Length == 0) errors["entries"] = ["list at least one hotline"];
        else if (entries.Length > MaxEntries) errors["entries"] = [$"at most {MaxEntries} hotlines"];
        var normalised = (entries ?? []).Select((entry, i) => Normalise(entry, $"entries[{i}]", errors)).ToArray();
        foreach (var duplicate in normalised.Select((e, i) => (e.Number, i)).GroupBy(p => p.Number).Where(g => g.Key.Length > 0 && g.Count() > 1))
            errors[$"entries[{duplicate.Skip(1).First().i}].number"] = [$"{duplicate.Key} is listed twice"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The hotline directory is not valid.", errors);
        return normalised;
    }

    private static HotlineEntry Normalise(HotlineEntry? entry, string at, Dictionary<string, string[]> errors)
    {
        var name = entry?.Name?.Trim() ?? "";
        var nameEn = entry?.NameEn?.Trim() ?? "";
        var number = entry?.Number?.Trim() ?? "";
        var hours = entry?.Hours?.Trim() ?? "";
        HotlineAudience[] audience = [.. (entry?.Audience ?? []).Distinct().Order()];
        if (name.Length is 0 or > MaxNameLength) errors[$"{at}.name"] = [$"a name of 1 to {MaxNameLength} characters"];
        if (nameEn.Length > MaxEnglishNameLength) errors[$"{at}.nameEn"] = [$"at most {MaxEnglishNameLength} characters"];
        if (number.Length is < MinNumberLength or > MaxNumberLength || !NumberShape().IsMatch(number))
            errors[$"{at}.number"] = [$"{MinNumberLength} to {MaxNumberLength} digits, with an optional leading + and dashes between digits"];
        if (hours.Length > MaxHoursLength) errors[$"{at}.hours"] = [$"at most {MaxHoursLength} characters"];
        if (audience.Length == 0 || audience.Any(a => !Enum.IsDefined(a)))
            errors[$"{at}.audience"] = [$"one or more of: {string.Join(", ", Enum.GetNames<HotlineAudience>())}"];
        return new HotlineEntry(name, nameEn, number, hours, audience);
    }
}
