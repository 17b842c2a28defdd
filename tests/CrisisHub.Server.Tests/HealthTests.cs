using System.Text.Json;
using CrisisHub.Contracts.Operations;
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
        var ready = await Eventually.Async(async () => JsonDocument.Parse(await http.GetStringAsync("health/ready")).RootElement,
            body => body.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("name").GetString() == "reminders"
                && c.GetProperty("description").GetString()!.StartsWith("last reminder tick", StringComparison.Ordinal)));

        ready.GetProperty("status").GetString().ShouldBe("Healthy");
        ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["orleans-membership", "reminders", "sqlite"], ignoreOrder: true);
        ready.GetProperty("checks").EnumerateArray().ShouldAllBe(c => c.GetProperty("status").GetString() == "Healthy");
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
