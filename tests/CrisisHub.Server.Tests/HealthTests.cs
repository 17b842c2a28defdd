using System.Text.Json;
using CrisisHub.Contracts.Operations;
using CrisisHub.Server;
using CrisisHub.Server.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class HealthTests(ServerFixture server)
{
    [Fact]
    public async Task LivenessAndReadinessAnswerWithoutSigningInAndReadinessListsStorageMembershipAndTickingReminders()
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };

        (await http.GetAsync("health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The heartbeat reminder's first tick is due a second after the first probe registers it (on real time, as Orleans ticks).
        // Generous bounds: on a loaded machine a check may miss its 1 s budget once, and Orleans ticks reminders on real time.
        var ready = await Eventually.Async(async () => JsonDocument.Parse(await (await http.GetAsync("health/ready")).Content.ReadAsStringAsync()).RootElement,
            body => body.GetProperty("status").GetString() == "Healthy" && body.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("name").GetString() == "reminders"
                && c.GetProperty("description").GetString()!.StartsWith("last reminder tick", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));

        ready.GetProperty("status").GetString().ShouldBe("Healthy");
        ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["orleans-membership", "reminders", "sqlite"], ignoreOrder: true);
        ready.GetProperty("checks").EnumerateArray().ShouldAllBe(c => c.GetProperty("status").GetString() == "Healthy");
    }

    [Fact]
    public async Task ACallerOutsideTheMonitoringNetworksLearnsOnlyTheStatusesNotWhyNorWhere()
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "health/ready");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var body = JsonDocument.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        body.GetProperty("checks").GetArrayLength().ShouldBeGreaterThan(0);
        body.GetProperty("checks").EnumerateArray().ShouldAllBe(c => c.GetProperty("description").ValueKind == JsonValueKind.Null);
    }

    private static Orleans.Runtime.SiloAddress Silo(int last) => Orleans.Runtime.SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.0.0.{last}"), 11111), 1);

    [Fact]
    public void MembershipMakesANodeUnreadyWhenItIsNotActiveAndDegradedWhileAnotherSiloIsSuspected()
    {
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 3, []).Status.ShouldBe(HealthStatus.Healthy);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 3, [Silo(2)]).Status.ShouldBe(HealthStatus.Degraded);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 3, [Silo(1)]).Status.ShouldBe(HealthStatus.Degraded);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.ShuttingDown, 3, []).Status.ShouldBe(HealthStatus.Unhealthy);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Joining, 1, []).Status.ShouldBe(HealthStatus.Unhealthy);
        // Quorum: itself and the silos it reaches must be more than half of the active ones.
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 3, [], reachableOthers: 1).Status.ShouldBe(HealthStatus.Healthy);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 3, [], reachableOthers: 0).Status.ShouldBe(HealthStatus.Unhealthy);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 2, [], reachableOthers: 0).Status.ShouldBe(HealthStatus.Unhealthy);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 4, [], reachableOthers: 2).Status.ShouldBe(HealthStatus.Healthy);
        Failover.MembershipVerdict.Judge(Silo(1), Orleans.Runtime.SiloStatus.Active, 4, [], reachableOthers: 1).Status.ShouldBe(HealthStatus.Unhealthy);
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 30, HealthStatus.Healthy)]
    [InlineData(null, 150, HealthStatus.Healthy)]
    [InlineData(null, 151, HealthStatus.Unhealthy)]
    [InlineData(60, 200, HealthStatus.Healthy)]
    [InlineData(60, 211, HealthStatus.Unhealthy)]
    public void ANodeWhoseReminderServiceStoppedTickingIsNotReady(int? lastTickSecond, int nowSecond, HealthStatus expected)
    {
        var heartbeat = new ReminderHeartbeat(T0, lastTickSecond is { } s ? T0.AddSeconds(s) : null);

        ReminderHeartbeatRule.Judge(heartbeat, T0.AddSeconds(nowSecond)).Status.ShouldBe(expected);
    }
}
