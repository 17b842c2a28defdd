using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// deploy/monitoring read the way Prometheus and Grafana read it, and the metric names its queries use. A name here
/// that a node never exports makes an alert that can never fire or a panel that stays empty without anybody noticing,
/// so each of <see cref="ScrapedMetricNames"/> must appear on a real node's /metrics.
/// </summary>
public static class MonitoringFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "deploy", "monitoring");

    public static string RulesFile => Path.Combine(Folder, "rules", "crisishub.rules.yml");

    public static string DashboardFile => Path.Combine(Folder, "grafana", "dashboards", "crisishub.json");

    /// <summary>Series Prometheus makes itself for each scrape: queried, but never on a node's /metrics.</summary>
    public static readonly IReadOnlySet<string> PrometheusOwnSeries = new HashSet<string>(StringComparer.Ordinal)
    {
        "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added",
    };

    public sealed record AlertRule(string Group, string Name, string Expr, string? For,
        IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

    public static IReadOnlyList<AlertRule> AlertRules() =>
        [.. RuleNodes().Where(r => r.Rule.Children.ContainsKey("alert")).Select(r => new AlertRule(
            r.Group, Scalar(r.Rule, "alert")!, Scalar(r.Rule, "expr")!, Scalar(r.Rule, "for"), Map(r.Rule, "labels"), Map(r.Rule, "annotations")))];

    /// <summary>Names the rules record (<c>record:</c>): Prometheus computes them, no node exports them.</summary>
    public static IReadOnlySet<string> RecordedNames() =>
        RuleNodes().Select(r => Scalar(r.Rule, "record")).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>expr</c> of every target of every panel, rows' folded panels included.</summary>
    public static IReadOnlyList<string> DashboardExpressions()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        return [.. Panels(json.RootElement)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Where(t => t.TryGetProperty("expr", out _))
            .Select(t => t.GetProperty("expr").GetString()!)];
    }

    /// <summary>
    /// Every metric name the rules' and the dashboard's queries use, histogram series (<c>_bucket</c>, <c>_sum</c>,
    /// <c>_count</c>) named by their histogram, recorded names left out. Includes Prometheus' own <c>up</c>.
    /// </summary>
    public static IReadOnlySet<string> MetricNames()
    {
        var recorded = RecordedNames();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var expression in RuleNodes().Select(r => Scalar(r.Rule, "expr")!).Concat(DashboardExpressions()))
            names.UnionWith(MetricNamesIn(expression).Where(n => !recorded.Contains(n)));
        return names;
    }

    /// <summary><see cref="MetricNames"/> without the series Prometheus makes itself: what a node's /metrics must show.</summary>
    public static IReadOnlySet<string> ScrapedMetricNames() =>
        new SortedSet<string>(MetricNames().Where(n => !PrometheusOwnSeries.Contains(n)), StringComparer.Ordinal);

    /// <summary>PromQL words that are not metric names when they stand alone (compared ignoring case, as PromQL does).</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        // aggregations, which take "by (…)" between the name and the parenthesis
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
        // binary operators and modifiers
        "and", "or", "unless", "atan2", "bool", "offset",
        // numbers spelled as words
        "inf", "nan",
        // the histogram bucket label
        "le",
    };

    /// <summary>Modifiers followed by a list of label names in parentheses.</summary>
    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    /// <summary>
    /// The metric names in one PromQL expression. A small tokenizer: quoted strings, label matchers <c>{…}</c>, ranges
    /// and subqueries <c>[…]</c>, Grafana variables (<c>$node</c>, <c>${node}</c>), comments and numbers are skipped; the
    /// label lists of by/without/on/ignoring/group_left/group_right are skipped; an identifier followed by <c>(</c> is a
    /// function; keywords and <c>le</c> are not names. What is left is a metric name, its histogram suffix stripped.
    /// </summary>
    public static IReadOnlySet<string> MetricNamesIn(string expression)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var s = expression;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`') i = AfterString(s, i);
            else if (c == '{') i = AfterBlock(s, i, '}');
            else if (c == '[') i = AfterBlock(s, i, ']');
            else if (c == '#') i = s.IndexOf('\n', i) is var end and >= 0 ? end + 1 : s.Length;
            else if (c == '$') i = s.Length > i + 1 && s[i + 1] == '{' ? AfterBlock(s, i + 1, '}') : AfterName(s, i + 1);
            else if (char.IsAsciiDigit(c) || c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])) i = AfterNumber(s, i);
            else if (IsNameStart(c))
            {
                var end = AfterName(s, i);
                var word = s[i..end];
                var next = end;
                while (next < s.Length && char.IsWhiteSpace(s[next])) next++;
                var opens = next < s.Length && s[next] == '(';
                if (LabelListKeywords.Contains(word)) i = opens ? AfterBlock(s, next, ')') : end;
                else
                {
                    if (!opens && !Keywords.Contains(word)) names.Add(HistogramName(word));
                    i = end;
                }
            }
            else i++;
        }

        return names;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static int AfterName(string s, int i)
    {
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or ':')) i++;
        return i;
    }

    /// <summary>A number, a duration ("5m", "1h30m") or a hex number; an exponent's sign ends it, harmlessly.</summary>
    private static int AfterNumber(string s, int i)
    {
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '.')) i++;
        return i;
    }

    /// <summary>The index after the quoted string starting at <paramref name="i"/> (backslash escapes, none in `raw`).</summary>
    private static int AfterString(string s, int i)
    {
        var quote = s[i++];
        while (i < s.Length && s[i] != quote) i += quote != '`' && s[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, s.Length);
    }

    /// <summary>The index after the bracket closing the one at <paramref name="i"/>, skipping quoted strings and nested brackets.</summary>
    private static int AfterBlock(string s, int i, char close)
    {
        var open = s[i++];
        var depth = 1;
        while (i < s.Length)
        {
            if (s[i] is '"' or '\'' or '`') { i = AfterString(s, i); continue; }
            if (s[i] == open) depth++;
            else if (s[i] == close && --depth == 0) return i + 1;
            i++;
        }

        return s.Length;
    }

    private static string HistogramName(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length) return name[..^suffix.Length];
        return name;
    }

    private static IEnumerable<(string Group, YamlMappingNode Rule)> RuleNodes()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RulesFile)));
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
        foreach (var group in groups.Cast<YamlMappingNode>())
        foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            yield return (Scalar(group, "name")!, rule);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Map(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? ((YamlMappingNode)value).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? "")
            : [];

    private static IEnumerable<JsonElement> Panels(JsonElement parent) =>
        parent.TryGetProperty("panels", out var panels)
            ? panels.EnumerateArray().SelectMany(p => Panels(p).Prepend(p))
            : [];

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrisisHub.sln not found.");
    }
}
