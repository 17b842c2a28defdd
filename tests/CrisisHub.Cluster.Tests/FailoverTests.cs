using System.Diagnostics;
using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Cluster.Tests;

/// <summary>
/// A node killed (SIGKILL) under steady flag traffic: the surviving nodes answer every request (no 5xx while membership
/// declares the node dead: grain calls to it are retried), and every flag is on its case exactly once. Its own cluster, so
/// the shared one keeps its three nodes; in the shared collection, so two clusters never compete for the two cores.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ClusterFixture _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task KillingANodeUnderSteadyFlagTrafficGivesTheSurvivorsClientsNoErrorAndLosesOrRepeatsNoFlag()
    {
        var (a, b, victim) = (_cluster.Nodes[0], _cluster.Nodes[1], _cluster.Nodes[2]);
        var admin = await _cluster.SignInAsync(a, "admin");
        await Eventually.Async(() => admin.GetAsync<CrisisHub.Server.Admin.ClusterMember[]>("api/admin/diagnostics/cluster"),
            m => m.Count(x => x.Status == "Active") == 3, TimeSpan.FromSeconds(60));
        // The class's head teacher flags (its receipts name the case), half of the time through each survivor.
        ApiClient[] teachers = [await _cluster.SignInAsync(a, "ts1-g1-c1-teacher"), await _cluster.SignInAsync(b, "ts1-g1-c1-teacher")];

        var sent = new List<(string Key, string Student, HttpStatusCode Status, string? CaseId)>();
        var declaredDead = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.Zero;
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(18); i++)
        {
            if (killedAt == TimeSpan.Zero && clock.Elapsed > TimeSpan.FromSeconds(3))
            {
                await victim.KillHardAsync();
                killedAt = clock.Elapsed;
                _ = WatchMembershipAsync(admin, clock, declaredDead);
            }

            var student = TestSeed.Student(TestSeed.Class, 1 + i % 20);
            var key = $"failover-{i}";
            // A phone retries a request that got no answer, with the same key; an answer (even 5xx) is what the user saw.
            var (status, caseId) = await SendWithNetworkRetriesAsync(teachers[i % 2], student, key);
            sent.Add((key, student, status, caseId));
            await Task.Delay(100);
        }

        var failed = sent.Where(s => (int)s.Status >= 500).ToList();
        var deadAfter = declaredDead.Task.IsCompleted ? $"{((await declaredDead.Task) - killedAt).TotalSeconds:0.0} s" : "not within the run";
        output.WriteLine($"{sent.Count} flags to the two survivors over {clock.Elapsed.TotalSeconds:0} s, node killed at {killedAt.TotalSeconds:0.0} s, declared dead after {deadAfter}: "
            + $"{failed.Count} answered 5xx; {a.Output.Split('\n').Count(l => l.Contains("while the cluster changes"))
                + b.Output.Split('\n').Count(l => l.Contains("while the cluster changes"))} grain calls retried on the survivors");
        failed.ShouldBeEmpty();
        sent.ShouldAllBe(s => s.Status == HttpStatusCode.Created || s.Status == HttpStatusCode.OK);

        // Every flag is on its student's case once.
        foreach (var byStudent in sent.GroupBy(s => s.Student))
        {
            var caseIds = byStudent.Select(s => s.CaseId).Distinct().ToList();
            caseIds.ShouldHaveSingleItem($"{byStudent.Key}: all its flags joined one case");
            var view = await teachers[0].GetAsync<CaseView>($"api/cases/{caseIds[0]}");
            view.Flags.Length.ShouldBe(byStudent.Count(), $"{byStudent.Key}: every accepted flag once");
            view.Flags.Select(f => f.FlagId).Distinct().Count().ShouldBe(view.Flags.Length);
        }
    }

    /// <summary>When a survivor's membership first stops counting the killed node as active.</summary>
    private static async Task WatchMembershipAsync(ApiClient admin, Stopwatch clock, TaskCompletionSource<TimeSpan> declaredDead)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                var members = await admin.GetAsync<CrisisHub.Server.Admin.ClusterMember[]>("api/admin/diagnostics/cluster");
                if (members.Count(m => m.Status == "Active") == 2)
                {
                    declaredDead.TrySetResult(clock.Elapsed);
                    return;
                }
            }
            catch (HttpRequestException) { }

            await Task.Delay(200);
        }
    }

    private static async Task<(HttpStatusCode, string?)> SendWithNetworkRetriesAsync(ApiClient teacher, string student, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await teacher.FlagAsync(student, key, ObservedSign.Distress);
                var caseId = response.IsSuccessStatusCode
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()
                    : null;
                return (response.StatusCode, caseId);
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                await Task.Delay(500);
            }
        }
    }
}
