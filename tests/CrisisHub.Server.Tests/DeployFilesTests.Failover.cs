using YamlDotNet.RepresentationModel;

namespace CrisisHub.Server.Tests;

public sealed partial class DeployFilesTests
{
    /// <summary>
    /// Every cluster node keeps its data folder across re-creation: it holds the cluster epoch the node joined, without which
    /// a Redis that came back empty looks like a new cluster (runbooks/redis-data-lost.md).
    /// </summary>
    [Fact]
    public void ClusterNodesKeepTheirDataFolderSoAnEmptiedRedisIsNotTakenForANewCluster()
    {
        var compose = new YamlStream();
        compose.Load(new StringReader(File.ReadAllText(Path.Combine(Deploy, "compose.yaml"))));
        var services = (YamlMappingNode)((YamlMappingNode)compose.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        var named = ((YamlMappingNode)((YamlMappingNode)compose.Documents[0].RootNode).Children[new YamlScalarNode("volumes")]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var volumes = ((YamlSequenceNode)((YamlMappingNode)services.Children[new YamlScalarNode(node)]).Children[new YamlScalarNode("volumes")])
                .Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
            volumes.ShouldContain(v => v.EndsWith(":/data") && named.Contains(v.Split(':')[0]), $"{node} keeps /data in a named volume");
        }

        var kubernetes = new YamlStream();
        kubernetes.Load(new StringReader(File.ReadAllText(Path.Combine(Deploy, "kubernetes", "crisishub.yaml"))));
        var nodes = kubernetes.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => d.Children[new YamlScalarNode("metadata")] is YamlMappingNode m && m.Children[new YamlScalarNode("name")].ToString() == "crisishub"
                && d.Children[new YamlScalarNode("kind")].ToString() is "StatefulSet" or "Deployment");
        nodes.Children[new YamlScalarNode("kind")].ToString().ShouldBe("StatefulSet");
        var spec = (YamlMappingNode)nodes.Children[new YamlScalarNode("spec")];
        var claim = ((YamlSequenceNode)spec.Children[new YamlScalarNode("volumeClaimTemplates")]).Children.Cast<YamlMappingNode>().Single();
        var claimName = ((YamlMappingNode)claim.Children[new YamlScalarNode("metadata")]).Children[new YamlScalarNode("name")].ToString();
        var container = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec.Children[new YamlScalarNode("template")])
            .Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("containers")]).Children.Cast<YamlMappingNode>().Single();
        ((YamlSequenceNode)container.Children[new YamlScalarNode("volumeMounts")]).Children.Cast<YamlMappingNode>()
            .ShouldContain(m => m.Children[new YamlScalarNode("name")].ToString() == claimName && m.Children[new YamlScalarNode("mountPath")].ToString() == "/data");
    }
}

public sealed partial class DeployFilesTests
{
    /// <summary>Redis holds every case: the shipped compose and Kubernetes files require a password, and the nodes use it.</summary>
    [Fact]
    public void TheShippedRedisRequiresAPasswordAndTheNodesUseIt()
    {
        var compose = File.ReadAllText(Path.Combine(Deploy, "compose.yaml"));
        compose.ShouldContain("--requirepass \\\"$$REDIS_PASSWORD\\\"");
        compose.ShouldContain("test -n \\\"$$REDIS_PASSWORD\\\"", customMessage: "an empty password stops Redis instead of running it open");
        compose.ShouldContain("Silo__Redis: redis:6379,password=${REDIS_PASSWORD:-}");

        var kubernetes = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "crisishub.yaml"));
        kubernetes.ShouldContain("\"--requirepass\", \"$(REDIS_PASSWORD)\"");
        File.ReadAllText(Path.Combine(Deploy, "kubernetes", "secrets.example.yaml")).ShouldContain("password=");
    }
}
