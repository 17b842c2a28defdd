using System.Text.Json;
using CrisisHub.Contracts.Cases;
using StackExchange.Redis;

namespace CrisisHub.Cluster.Tests;

/// <summary>
/// Issue 17 in cluster mode: what the nodes keep in Redis — grain state, the audit log, the data-protection keys — is
/// encrypted with the storage key every node was given; a case written through one node is read through another.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StorageAtRestClusterTests(ClusterFixture cluster)
{
    private const string Note = "CLUSTER-NOTE-9e1f 她说不想活了";

    [Fact]
    public async Task RedisHoldsNoStudentNameNoteOrPlainDataProtectionKeyAndAnotherNodeReadsTheCase()
    {
        var nodes = cluster.Nodes.Where(n => !n.HasExited).ToList();
        var teacher = await cluster.SignInAsync(nodes[0], "ts1-g1-c1-teacher");
        var flagged = await teacher.PostFlagAsync(new { studentId = TestSeed.Student(TestSeed.Class, 1), signs = new[] { "Distress" }, note = Note }, "at-rest-cluster");
        flagged.EnsureSuccessStatusCode();
        var caseId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var onAnotherNode = await cluster.SignInAsync(nodes[^1], "ts1-g1-c1-teacher");
        (await onAnotherNode.GetAsync<CaseView>($"api/cases/{caseId}")).StudentName.ShouldBe(TestSeed.StudentName);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var database = redis.GetDatabase();
        var stored = new List<string>();
        var stateKeys = 0;
        foreach (var key in redis.GetServers().Single().Keys(pattern: "*"))
        {
            switch (await database.KeyTypeAsync(key))
            {
                case RedisType.Hash:
                    var fields = await database.HashGetAllAsync(key);
                    stored.AddRange(fields.Select(f => (string)f.Value!));
                    if (key.ToString().Contains("/state/") && fields.FirstOrDefault(f => f.Name == "data") is { Value.HasValue: true } data)
                    {
                        ((string)data.Value!).ShouldMatch("^enc:v[12]:cluster-tests:", customMessage: key.ToString());
                        stateKeys++;
                    }

                    break;
                case RedisType.List:
                    stored.AddRange((await database.ListRangeAsync(key)).Select(v => (string)v!));
                    break;
                case RedisType.String:
                    stored.Add((string)(await database.StringGetAsync(key))!);
                    break;
            }
        }

        stateKeys.ShouldBeGreaterThan(10, "the seeded network, students and accounts, and the case");
        foreach (var secret in new[] { TestSeed.StudentName, "CLUSTER-NOTE", "不想活" })
            stored.ShouldNotContain(v => v.Contains(secret), $"Redis holds '{secret}' in plain text");

        var dataProtectionKeys = (await database.ListRangeAsync("crisishub:data-protection-keys")).Select(v => (string)v!).ToList();
        dataProtectionKeys.ShouldNotBeEmpty();
        dataProtectionKeys.ShouldAllBe(xml => System.Text.RegularExpressions.Regex.IsMatch(xml, "enc:v[12]:cluster-tests:") && !xml.Contains("<masterKey"));
    }
}
