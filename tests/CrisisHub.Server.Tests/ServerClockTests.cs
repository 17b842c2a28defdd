using CrisisHub.Server.Hosting;

namespace CrisisHub.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class ServerClockTests(ServerFixture server)
{
    [Fact]
    public async Task EveryResponseCarriesTheTimeOfTheClockDeadlinesAreMeasuredOn()
    {
        // The grain clock is fake and far from the machine's: the pages must get it, not the machine's time.
        server.Clock.Advance(TimeSpan.FromMilliseconds(1234));
        var api = await server.SignInAsync("ts1-g1-c1-teacher");

        var inbox = await api.Http.GetAsync("api/alerts");
        var refused = await new HttpClient { BaseAddress = server.Factory.BaseAddress }.GetAsync("api/alerts");

        foreach (var response in new[] { inbox, refused })
        {
            var header = response.Headers.GetValues(ServerTimeHeader.Name).ShouldHaveSingleItem();
            DateTimeOffset.Parse(header, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(server.Clock.GetUtcNow());
        }
    }
}
