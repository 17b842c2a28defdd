using System.Text.Json;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class HealthTests(ServerFixture server)
{
    [Fact]
    public async Task LivenessAndReadinessAnswerWithoutSigningIn()
    {
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };

        var live = await http.GetAsync("health/live");
        var ready = await http.GetAsync("health/ready");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
