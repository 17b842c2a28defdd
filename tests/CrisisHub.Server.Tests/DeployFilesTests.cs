using System.Reflection;
using System.Text.Json;
using CrisisHub.Grains.Sms;
using CrisisHub.Server.Hosting;
using CrisisHub.Server.Operations;
using CrisisHub.Server.Privacy;
using CrisisHub.Server.Sms;
using YamlDotNet.RepresentationModel;

namespace CrisisHub.Server.Tests;

/// <summary>
/// No Docker engine runs here, so deploy/ is checked by reading it: every YAML and JSON file parses, and every
/// configuration key it sets is one the server actually reads (the options classes' properties).
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    private static readonly HashSet<string> KnownKeys = BuildKnownKeys();

    private static HashSet<string> BuildKnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Urls" };
        foreach (var (section, type) in new[]
        {
            (CrisisHubOptions.Section, typeof(CrisisHubOptions)), (CrisisHubOptions.Section, typeof(ProxyOptions)), (OrleansHostingOptions.Section, typeof(OrleansHostingOptions)),
            (TwilioOptions.Section, typeof(TwilioOptions)), (SmsOptions.Section, typeof(SmsOptions)),
            (TelemetryOptions.Section, typeof(TelemetryOptions)), (CanaryOptions.Section, typeof(CanaryOptions)),
            (AnchorKeyOptions.Section, typeof(AnchorKeyOptions)), (CrisisHub.Server.Push.WebPushOptions.Section, typeof(CrisisHub.Server.Push.WebPushOptions)),
            (PrivacyOptions.Section, typeof(PrivacyOptions)), ($"{PrivacyOptions.Section}:{nameof(PrivacyOptions.StorageKeys)}", typeof(StorageKeyOptions)),
        })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                keys.Add($"{section}:{property.Name}");
        }

        return keys;
    }

    /// <summary>A list item ("CrisisHub:KnownProxies:0", "Privacy:StorageKeys:0:Key") is known when its list (and item property) is.</summary>
    private static bool IsKnown(string key) => KnownKeys.Contains(System.Text.RegularExpressions.Regex.Replace(key, @":\d+(?=:|$)", ""))
        || key.StartsWith("Sms:Templates:", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Serilog:", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrisisHub.sln not found.");
    }

    private static IEnumerable<string> Files(params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Deploy, p, SearchOption.AllDirectories)).Order();

    private static bool IsMonitoring(string file) =>
        Path.GetRelativePath(Deploy, file).StartsWith("monitoring" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> JsonKeys(JsonElement element, string prefix = "") =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(p => JsonKeys(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}"))
            : [prefix];

    /// <summary>Environment variable names in compose "environment:" maps and Kubernetes "env:" lists.</summary>
    private static IEnumerable<string> YamlEnvironmentNames(YamlNode node, string? parentKey = null)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value!;
                    if (name == "environment" && value is YamlMappingNode environment)
                        foreach (var variable in environment.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value != "<<")) yield return variable.Value!;
                    foreach (var inner in YamlEnvironmentNames(value, name)) yield return inner;
                }

                if (parentKey == "env" && map.Children.TryGetValue(new YamlScalarNode("name"), out var envName)) yield return ((YamlScalarNode)envName).Value!;
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                foreach (var inner in YamlEnvironmentNames(item, parentKey)) yield return inner;
                break;
        }
    }

    private static string ConfigKey(string environmentName) => environmentName.Replace("__", ":");

    private static bool IsConfiguration(string environmentName) => environmentName.Contains("__") || environmentName == "Urls";

    [Fact]
    public void EveryJsonFileParsesAndSetsOnlyKeysTheServerReads()
    {
        // Grafana's dashboards are JSON but not the server's configuration: DeployFilesTests.Monitoring reads them.
        var files = Files("*.json").Where(f => !IsMonitoring(f)).ToList();
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonKeys(json.RootElement).Where(k => !IsKnown(k)).ShouldBeEmpty($"unknown keys in {Path.GetFileName(file)}");
        }
    }

    [Fact]
    public void EveryYamlFileParsesAndItsEnvironmentSetsOnlyKeysTheServerReads()
    {
        var files = Files("*.yaml", "*.yml").ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var file in files)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            var names = yaml.Documents.SelectMany(d => YamlEnvironmentNames(d.RootNode)).Where(IsConfiguration).Select(ConfigKey).ToList();
            names.Where(k => !IsKnown(k)).ShouldBeEmpty($"unknown keys in {Path.GetFileName(file)}");
        }
    }

    [Fact]
    public void ClusterDeploymentsRunInRedisModeWithHealthProbes()
    {
        foreach (var file in new[] { "compose.yaml", Path.Combine("kubernetes", "crisishub.yaml") })
        {
            var text = File.ReadAllText(Path.Combine(Deploy, file));
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            var names = yaml.Documents.SelectMany(d => YamlEnvironmentNames(d.RootNode)).Select(ConfigKey).ToList();
            names.ShouldContain("Silo:Clustering", file);
            names.ShouldContain("Silo:Storage", file);
            names.ShouldContain("Silo:Redis", file);
            // Without it a cluster node refuses to start (exit 13): every node must sign anchors with the one shared key.
            names.ShouldContain("Privacy:AnchorKey", file);
            // Without storage keys a cluster node refuses to start (PrivacyOptions): each node would otherwise make up its own.
            names.ShouldContain("Privacy:StorageKeys:0:Key", file);
            // Without one shared VAPID pair a cluster sends no Web Push (a pair per node would bind phones to one node's key).
            names.ShouldContain("CrisisHub:WebPush:PublicKey", file);
            names.ShouldContain("CrisisHub:WebPush:PrivateKey", file);
            text.ShouldContain("/health/ready", Case.Sensitive, file);
        }

        File.ReadAllText(Path.Combine(Deploy, "kubernetes", "crisishub.yaml")).ShouldContain("kind: PodDisruptionBudget");
    }

    [Fact]
    public void EnvironmentFilesAndSystemdUnitsSetOnlyKeysTheServerReads()
    {
        var assignments = Files("*.env.example").SelectMany(File.ReadAllLines).Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Concat(Files("*.service").SelectMany(File.ReadAllLines).Where(l => l.StartsWith("Environment=")).Select(l => l["Environment=".Length..]))
            .Select(l => l[..l.IndexOf('=')].Trim())
            .Where(IsConfiguration)
            .Select(ConfigKey)
            .ToList();

        assignments.ShouldNotBeEmpty();
        assignments.Where(k => !IsKnown(k)).ShouldBeEmpty();
    }

    [Fact]
    public void TheRunbookIndexListsEveryPageAndEveryLinkResolves()
    {
        var runbooks = Path.Combine(RepositoryRoot(), "runbooks");
        var index = File.ReadAllText(Path.Combine(runbooks, "README.md"));
        var linked = System.Text.RegularExpressions.Regex.Matches(index, @"\]\(([\w-]+\.md)\)").Select(m => m.Groups[1].Value).ToHashSet();
        var pages = Directory.EnumerateFiles(runbooks, "*.md").Select(Path.GetFileName).Where(n => n != "README.md").ToHashSet();

        linked.Where(l => !pages.Contains(l)).ShouldBeEmpty("links to missing pages");
        pages.Where(p => !linked.Contains(p!)).ShouldBeEmpty("pages missing from the index");
        // The incidents the cluster issue names, each with its page.
        foreach (var page in new[] { "node-dies.md", "redis-down.md", "sms-provider-down.md", "alert-exhausted.md", "hospital-deadline-missed.md",
                     "audit-chain-broken.md", "backup-restore.md", "rolling-upgrade.md", "rotate-twilio-token.md" })
            pages.ShouldContain(page);
    }
}
