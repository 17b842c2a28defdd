using System.Text.Json;
using System.Text.RegularExpressions;
using CrisisHub.Server.Hosting;
using YamlDotNet.RepresentationModel;

namespace CrisisHub.Server.Tests;

/// <summary>
/// Issue 15, "Who watches the hub": Prometheus scrapes every node and loads the rules, every alert says how bad it is
/// and links a runbook section that exists, the issue's five alerts are there, Grafana gets its data source and
/// dashboard, the monitoring services start only with their profile and mount files that exist, and the nodes let
/// Prometheus in. Read from the files, as no Docker engine runs here.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Runbooks = Path.Combine(RepositoryRoot(), "runbooks");

    private const string TelemetryPath = CrisisHub.Server.Operations.TelemetryOptions.MetricsPath;

    private static YamlMappingNode Yaml(string path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode ComposeServices() => (YamlMappingNode)Yaml(Path.Combine(Deploy, "compose.yaml"))["services"];

    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static IEnumerable<YamlNode> Items(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlSequenceNode)value : [];

    /// <summary>The compose service's bind mounts ("./x:/y:ro") as host path (absolute), container path and options.</summary>
    private static List<(string Host, string Container, string Options)> Mounts(YamlNode service) =>
        [.. Items(service, "volumes").Select(v => ((YamlScalarNode)v).Value!.Split(':'))
            .Where(parts => parts[0].StartsWith('.'))
            .Select(parts => (Path.GetFullPath(Path.Combine(Deploy, parts[0])), parts[1], parts.Length > 2 ? parts[2] : ""))];

    /// <summary>The host file or folder behind a path inside the service's container, through its bind mounts.</summary>
    private static string? HostPath(YamlNode service, string containerPath) =>
        Mounts(service).Where(m => containerPath == m.Container || containerPath.StartsWith(m.Container + "/", StringComparison.Ordinal))
            .Select(m => Path.Combine(m.Host, containerPath[m.Container.Length..].TrimStart('/')))
            .FirstOrDefault();

    /// <summary>GitHub's heading anchors: lowercase, punctuation removed, each space a '-', repeats numbered "-1", "-2".</summary>
    private static HashSet<string> Anchors(string markdownFile)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(markdownFile))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            var heading = Regex.Match(line, @"^#{1,6}\s+(.+?)\s*#*\s*$");
            if (inCode || !heading.Success) continue;
            var anchor = Regex.Replace(heading.Groups[1].Value.ToLowerInvariant(), @"[^\p{L}\p{Mn}\p{Nd}\p{Pc} -]", "").Replace(' ', '-');
            var unique = anchor;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{anchor}-{n}";
        }

        return anchors;
    }

    [Fact]
    public void PrometheusScrapesEveryComposeNodeAndLoadsTheRulesFromWhereComposeMountsThem()
    {
        var prometheusFile = Path.Combine(MonitoringFiles.Folder, "prometheus.yml");
        var config = Yaml(prometheusFile);
        var job = Items(config, "scrape_configs").Single(j => Text(j, "job_name") == "crisishub");
        Text(job, "metrics_path").ShouldBe(TelemetryPath);
        var targets = Items(job, "static_configs").SelectMany(c => Items(c, "targets")).Select(t => ((YamlScalarNode)t).Value).ToList();

        var services = ComposeServices();
        var nodes = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(n => Regex.IsMatch(n, @"^node\d+$")).ToList();
        nodes.Count.ShouldBe(3);
        targets.ShouldBe(nodes.Select(n => $"{n}:8080"), ignoreOrder: true);

        // Inside the container the rule files resolve against the config file's folder, then through the mounts.
        var prometheus = services["prometheus"];
        var command = Items(prometheus, "command").Select(a => ((YamlScalarNode)a).Value!).ToList();
        var containerConfig = command.Single(a => a.StartsWith("--config.file=", StringComparison.Ordinal))["--config.file=".Length..];
        HostPath(prometheus, containerConfig).ShouldBe(prometheusFile);
        var ruleFiles = Items(config, "rule_files").Select(r => ((YamlScalarNode)r).Value!).ToList();
        ruleFiles.ShouldNotBeEmpty();
        foreach (var ruleFile in ruleFiles)
            HostPath(prometheus, Path.GetDirectoryName(containerConfig)!.Replace('\\', '/') + "/" + ruleFile).ShouldBe(MonitoringFiles.RulesFile, ruleFile);
    }

    [Fact]
    public void EveryAlertSaysHowBadItIsAndLinksARunbookSectionThatExists()
    {
        var rules = MonitoringFiles.AlertRules();
        rules.Count.ShouldBeGreaterThanOrEqualTo(5);
        rules.Select(r => r.Name).ShouldBeUnique();
        foreach (var rule in rules)
        {
            rule.Name.ShouldMatch("^CrisisHub[A-Za-z]+$");
            rule.Expr.ShouldNotBeNullOrWhiteSpace(rule.Name);
            rule.Labels.GetValueOrDefault("severity").ShouldBeOneOf(["critical", "warning"], rule.Name);
            rule.Annotations.GetValueOrDefault("summary").ShouldNotBeNullOrWhiteSpace(rule.Name);
            rule.Annotations.GetValueOrDefault("description").ShouldNotBeNullOrWhiteSpace(rule.Name);
            // A level (not a count of events over a window) must hold a while before anyone is woken up.
            if (!rule.Expr.Contains("increase(", StringComparison.Ordinal)) rule.For.ShouldNotBeNull(rule.Name);

            var link = Regex.Match(rule.Annotations.GetValueOrDefault("runbook_url") ?? "", @"^https://\S+/runbooks/(?<file>[\w-]+\.md)#(?<anchor>[\w-]+)$");
            link.Success.ShouldBeTrue($"{rule.Name}: runbook_url …/runbooks/<file>.md#<anchor>");
            var page = Path.Combine(Runbooks, link.Groups["file"].Value);
            File.Exists(page).ShouldBeTrue($"{rule.Name}: {page}");
            Anchors(page).ShouldContain(link.Groups["anchor"].Value, $"{rule.Name}: no such heading in {link.Groups["file"].Value}");
        }
    }

    [Fact]
    public void TheIssuesFiveAlertsExist()
    {
        var rules = MonitoringFiles.AlertRules();
        IEnumerable<MonitoringFiles.AlertRule> Using(string metric) => rules.Where(r => MonitoringFiles.MetricNamesIn(r.Expr).Contains(metric));

        var required = new Dictionary<string, MonitoringFiles.AlertRule[]>
        {
            ["deadline lateness p99 above 5 s"] = [.. Using("crisishub_deadline_lateness_seconds")
                .Where(r => r.Expr.Contains("histogram_quantile(0.99") && Regex.IsMatch(r.Expr, @">\s*5\s*$"))],
            ["texts failing"] = [.. Using("crisishub_sms_failed_total")],
            // A silo down: its node stops answering scrapes.
            ["a silo down"] = [.. Using("up").Where(r => Regex.IsMatch(r.Expr, @"up\{[^}]*job=""crisishub""[^}]*\}\s*==\s*0"))],
            ["no canary success for 10 minutes"] = [.. Using("crisishub_canary_last_success_time_seconds")
                .Where(r => r.Expr.Contains("time() - crisishub_canary_last_success_time_seconds > 600"))],
        };
        foreach (var (what, found) in required)
        {
            found.ShouldNotBeEmpty(what);
            found.ShouldAllBe(r => r.Labels["severity"] == "critical", what);
        }

        // Storage write latency, in both storage modes (Orleans' Redis writes, the embedded server's SQLite batches).
        Using("orleans_storage_write_latency_milliseconds").Intersect(Using("crisishub_storage_write_duration_seconds")).ShouldNotBeEmpty("storage write latency");
    }

    [Fact]
    public void EveryLinkInTheMonitoringRunbookResolves()
    {
        var page = Path.Combine(Runbooks, "monitoring.md");
        var links = Regex.Matches(File.ReadAllText(page), @"\]\((?<file>[\w-]+\.md)?(#(?<anchor>[\w-]+))?\)").ToList();
        links.Count.ShouldBeGreaterThan(10);
        foreach (var link in links)
        {
            var target = link.Groups["file"].Success ? Path.Combine(Runbooks, link.Groups["file"].Value) : page;
            File.Exists(target).ShouldBeTrue(link.Value);
            if (link.Groups["anchor"].Success) Anchors(target).ShouldContain(link.Groups["anchor"].Value, link.Value);
        }

        // Each existing runbook whose fix an alert needs is linked, so on-call lands on the page that has it.
        foreach (var existing in new[] { "node-dies.md", "redis-down.md", "sms-provider-down.md", "alert-exhausted.md", "hospital-deadline-missed.md", "backup-restore.md" })
            links.ShouldContain(l => l.Groups["file"].Value == existing, existing);
    }

    [Fact]
    public void TheDashboardReadsTheProvisionedPrometheusAndShowsWhatTheIssueAsks()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(MonitoringFiles.DashboardFile));
        var dashboard = json.RootElement;
        dashboard.GetProperty("schemaVersion").GetInt32().ShouldBeInRange(36, 41);
        dashboard.GetProperty("uid").GetString().ShouldNotBeNullOrEmpty();

        var dataSources = Yaml(Path.Combine(MonitoringFiles.Folder, "grafana", "provisioning", "datasources", "prometheus.yml"));
        var prometheus = Items(dataSources, "datasources").Single();
        Text(prometheus, "uid").ShouldBe("prometheus");
        Text(prometheus, "type").ShouldBe("prometheus");
        Text(prometheus, "url").ShouldBe("http://prometheus:9090");
        ComposeServices().Children.ShouldContainKey(new YamlScalarNode("prometheus"));

        var panels = dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        var cells = new HashSet<(int X, int Y)>();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString()!;
            panel.GetProperty("datasource").GetProperty("uid").GetString().ShouldBe("prometheus", title);
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            targets.ShouldNotBeEmpty(title);
            targets.ShouldAllBe(t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), title);

            // Panels tile the 24-column grid without overlapping.
            var grid = panel.GetProperty("gridPos");
            var (x, y, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
            (x + w).ShouldBeLessThanOrEqualTo(24, title);
            for (var i = x; i < x + w; i++)
            for (var j = y; j < y + h; j++)
                cells.Add((i, j)).ShouldBeTrue($"{title} overlaps another panel");
        }

        var shown = MonitoringFiles.DashboardExpressions().SelectMany(MonitoringFiles.MetricNamesIn).ToHashSet();
        foreach (var metric in new[]
                 {
                     "crisishub_flags_received_total", "crisishub_alerts_raised_total", "crisishub_alert_first_push_duration_seconds",
                     "crisishub_alert_acknowledge_duration_seconds", "crisishub_escalation_steps_total", "crisishub_escalation_exhausted_total",
                     "crisishub_deadline_lateness_seconds", "crisishub_sms_queued_total", "crisishub_sms_sent_total", "crisishub_sms_failed_total",
                     "crisishub_sms_provider_duration_seconds", "crisishub_push_deliveries_total", "crisishub_cases_open",
                     "crisishub_referral_deadlines_missed_total", "crisishub_hub_connections", "crisishub_storage_write_duration_seconds",
                     "crisishub_storage_write_batch_size", "crisishub_canary_runs_total", "crisishub_canary_last_success_time_seconds",
                     "crisishub_cluster_silos", "up", "http_server_request_duration_seconds",
                 })
            shown.ShouldContain(metric);
        MonitoringFiles.DashboardExpressions().ShouldContain(e => e.Contains("http_response_status_code=~\"5..\""), "the 5xx panel");
    }

    [Fact]
    public void GrafanaLoadsTheDashboardsFromWhereComposeMountsThemAndNeedsAPassword()
    {
        var grafana = ComposeServices()["grafana"];
        var provider = Items(Yaml(Path.Combine(MonitoringFiles.Folder, "grafana", "provisioning", "dashboards", "crisishub.yml")), "providers").Single();
        var dashboards = HostPath(grafana, Text(((YamlMappingNode)provider)["options"], "path")).ShouldNotBeNull();
        Path.Combine(dashboards, Path.GetFileName(MonitoringFiles.DashboardFile)).ShouldBe(MonitoringFiles.DashboardFile);
        HostPath(grafana, "/etc/grafana/provisioning/datasources/prometheus.yml").ShouldNotBeNull().ShouldSatisfyAllConditions(p => File.Exists(p).ShouldBeTrue());

        var environment = (YamlMappingNode)((YamlMappingNode)grafana)["environment"];
        Text(environment, "GF_AUTH_ANONYMOUS_ENABLED").ShouldBe("false");
        Text(environment, "GF_SECURITY_ADMIN_PASSWORD").ShouldContain("${GRAFANA_ADMIN_PASSWORD");
        // Without a password Grafana would start with admin/admin: its entrypoint refuses to.
        string.Join(' ', Items(grafana, "entrypoint").Select(a => ((YamlScalarNode)a).Value)).ShouldContain("[ -n \"$$GF_SECURITY_ADMIN_PASSWORD\" ] || {");
        Items(grafana, "ports").Select(p => ((YamlScalarNode)p).Value).ShouldContain("3000:3000");
    }

    [Fact]
    public void TheMonitoringServicesStartOnlyWithTheirProfileAndMountExistingFilesReadOnly()
    {
        var services = ComposeServices();
        foreach (var (key, service) in services.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var profiles = Items(service, "profiles").Select(p => ((YamlScalarNode)p).Value).ToList();
            if (name is not ("prometheus" or "grafana"))
            {
                profiles.ShouldBeEmpty($"{name} must start with a plain 'docker compose up'");
                continue;
            }

            profiles.ShouldBe(["monitoring"], name);
            ((YamlMappingNode)((YamlMappingNode)service)["networks"]).Children.ShouldContainKey(new YamlScalarNode("cluster"), name);
            var mounts = Mounts(service);
            mounts.ShouldNotBeEmpty(name);
            foreach (var (host, container, options) in mounts)
            {
                (File.Exists(host) || Directory.Exists(host)).ShouldBeTrue($"{name}: {host}");
                options.ShouldBe("ro", $"{name}: {container}");
            }
        }

        // compose checks ${VAR:?} on every service, profile or not: one there would break a plain "up".
        Scalars(Yaml(Path.Combine(Deploy, "compose.yaml"))).Where(v => Regex.IsMatch(v, @"\$\{\w+:?\?")).ShouldBeEmpty();
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlMappingNode map => map.Children.SelectMany(p => Scalars(p.Key).Concat(Scalars(p.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        _ => [],
    };

    [Fact]
    public void EveryNodeLetsPrometheusScrapeAndRunsTheCanary()
    {
        var services = ComposeServices();
        var prometheusAddress = IPAddress.Parse(Text(((YamlMappingNode)services["prometheus"]["networks"])["cluster"], "ipv4_address"));
        var subnet = Text(Items(((YamlMappingNode)Yaml(Path.Combine(Deploy, "compose.yaml"))["networks"])["cluster"]["ipam"], "config").Single(), "subnet");
        ProxyOptions.TryParse(subnet, out _, out var clusterNetwork).ShouldBeTrue();
        clusterNetwork!.Value.Contains(prometheusAddress).ShouldBeTrue();

        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var environment = (YamlMappingNode)((YamlMappingNode)services[node])["environment"];
            var merged = environment.Children.TryGetValue(new YamlScalarNode("<<"), out var anchor) ? (YamlMappingNode)anchor : environment;
            var allowed = merged.Children.Where(p => ((YamlScalarNode)p.Key).Value!.StartsWith("Telemetry__MetricsAllowedNetworks__", StringComparison.Ordinal))
                .Select(p => ((YamlScalarNode)p.Value).Value!).ToList();
            allowed.ShouldContain(a => Allows(a, prometheusAddress), node);
            Text(merged, "Canary__Enabled").ShouldBe("true", node);
        }

        // Kubernetes: annotations for annotation-based discovery, and the pod network allowed.
        var kubernetes = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "crisishub.yaml"));
        kubernetes.ShouldContain("prometheus.io/scrape: \"true\"");
        kubernetes.ShouldContain("prometheus.io/port: \"8080\"");
        kubernetes.ShouldContain($"prometheus.io/path: {TelemetryPath}");
        kubernetes.ShouldContain("Telemetry__MetricsAllowedNetworks__0");
    }

    private static bool Allows(string entry, IPAddress address) =>
        ProxyOptions.TryParse(entry, out var single, out var network) && (single?.Equals(address) == true || network?.Contains(address) == true);
}
