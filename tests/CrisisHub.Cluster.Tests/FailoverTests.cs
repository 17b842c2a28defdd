using System.Diagnostics;
using System.Text.Json;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Cluster.Tests;

/// <summary>
/// A node killed (SIGKILL) under steady flag traffic: the surviving nodes answer every request (no 5xx while membership
/// declares the node dead: grain calls to it are retried), and every flag is on its case exactly once. Each test has its own
/// cluster, so the shared one keeps its three nodes; the class runs alone, after the parallel collections, so two clusters
/// never compete for the two cores.
/// </summary>
[Collection(FailoverCollection.Name)]
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
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.Zero;
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(18); i++)
        {
            if (killedAt == TimeSpan.Zero && clock.Elapsed > TimeSpan.FromSeconds(3))
            {
                await victim.KillHardAsync();
                killedAt = clock.Elapsed;
                watching = WatchMembershipAsync(admin, clock, declaredDead, stopWatching.Token);
            }

            var student = TestSeed.Student(TestSeed.Class, 1 + i % 20);
            var key = $"failover-{i}";
            // A phone retries a request that got no answer, with the same key; an answer (even 5xx) is what the user saw.
            var (status, caseId) = await SendWithNetworkRetriesAsync(teachers[i % 2], student, key);
            sent.Add((key, student, status, caseId));
            await Task.Delay(100);
        }

        await stopWatching.CancelAsync();
        await watching;
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

    [Fact]
    public async Task ARedisThatComesBackEmptyIsDetectedEveryNodeRefusesWritesAndIsNotReady()
    {
        var admin = await _cluster.SignInAsync(_cluster.Nodes[0], "admin");
        var teacher = await _cluster.SignInAsync(_cluster.Nodes[1], "ts1-g1-c1-teacher");
        (await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 3), "before-the-loss", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Persistence off and a restart, or a lost volume: Redis answers, holding nothing.
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{_cluster.Redis.ConnectionString},allowAdmin=true"))
            await redis.GetServers()[0].FlushAllDatabasesAsync();

        foreach (var node in _cluster.Nodes)
        {
            using var http = new HttpClient { BaseAddress = node.BaseAddress };
            // (Membership, whose table went too, may say so first; the epoch check runs every 3 s.)
            await Eventually.Async(async () => (await http.GetAsync("health/ready")) is var r ? (r.StatusCode, await r.Content.ReadAsStringAsync()) : default,
                r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Item2.Contains("Redis holds no cluster epoch"), TimeSpan.FromSeconds(15));
        }

        var refused = await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 4), "after-the-loss", ObservedSign.Distress);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("runbooks/redis-data-lost.md");
        (await admin.GetAsync<JsonElement>("api/operations/cluster")).GetProperty("dataLost").GetBoolean().ShouldBeTrue();
        _cluster.Nodes[0].Output.ShouldContain("Cluster data lost");
    }

    [Fact]
    public async Task WhileRedisIsDownEveryNodeSaysUnreadyQuicklyAndReadyAgainOnceItIsBack()
    {
        using var http = new HttpClient { BaseAddress = _cluster.Nodes[0].BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        (await http.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await _cluster.Redis.StopAsync();
        var stopped = Stopwatch.StartNew();
        var unready = await Eventually.Async(() => http.GetAsync("health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        var flippedAfter = stopped.Elapsed;
        var body = await unready.Content.ReadAsStringAsync();
        body.ShouldContain("\"redis\"");

        // Each probe answers within the checks' budget instead of hanging on Redis' own timeouts.
        var probe = Stopwatch.StartNew();
        (await http.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var probeTook = probe.Elapsed;

        await _cluster.Redis.RestartAsync(appendOnly: true);
        var restarted = Stopwatch.StartNew();
        await Eventually.Async(() => http.GetAsync("health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        output.WriteLine($"Redis stopped: readiness 503 after {flippedAfter.TotalSeconds:0.0} s (a probe took {probeTook.TotalSeconds:0.0} s); "
            + $"back to 200 {restarted.Elapsed.TotalSeconds:0.0} s after Redis restarted");
        probeTook.ShouldBeLessThan(TimeSpan.FromSeconds(5), "generous for a loaded machine; the budget is 1 s per check");
    }

    /// <summary>When a survivor's membership first stops counting the killed node as active.</summary>
    private static async Task WatchMembershipAsync(ApiClient admin, Stopwatch clock, TaskCompletionSource<TimeSpan> declaredDead, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
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

            try { await Task.Delay(200, stop); }
            catch (OperationCanceledException) { return; }
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

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection
{
    public const string Name = "failover";
}
