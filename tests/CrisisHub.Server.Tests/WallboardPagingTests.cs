using System.Text.Json;
using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Alerts;

namespace CrisisHub.Server.Tests;

/// <summary>A wallboard answers one page with the counts of the whole board, and says which pages it can give.</summary>
[Collection(ServerCollection.Name)]
public sealed class WallboardPagingTests(ServerFixture server)
{
    [Fact]
    public async Task APageHoldsAtMostTakeAlertsMostSevereFirstWhileTheCountsCoverTheWholeBoard()
    {
        var monitor = await server.SignInAsync("ts1-g1-c1-monitor");
        var duty = await server.SignInAsync("ts1-duty");
        var before = await duty.GetAsync<WallboardView>($"api/wallboards/{TestSeed.School}");

        (await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 18), "paging-1", ObservedSign.Distress)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await monitor.FlagAsync(TestSeed.Student(TestSeed.Class, 20), "paging-2", ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var first = await duty.GetAsync<WallboardView>($"api/wallboards/{TestSeed.School}?take=1");
        var rest = await duty.GetAsync<WallboardView>($"api/wallboards/{TestSeed.School}?skip=1&take=1000");

        first.Alerts.Length.ShouldBe(1);
        first.Total.ShouldBe(before.Total + 2);
        first.ByGrade.Sum(c => c.Count).ShouldBe(first.Total);
        first.BySchool.ShouldBe([new Contracts.Wallboard.BoardCount(TestSeed.School, first.Total)]);
        rest.Alerts.Length.ShouldBe(first.Total - 1);
        first.Alerts.Concat(rest.Alerts).Select(a => a.CaseId).ShouldBeUnique();
        first.Alerts.Concat(rest.Alerts).Select(a => (int)a.Grade).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task AnImpossiblePageIsAProblemNamingTheAllowedRange()
    {
        var duty = await server.SignInAsync("ts1-duty");

        var refused = await duty.Http.GetAsync($"api/wallboards/{TestSeed.School}?take=0");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("take")[0].GetString().ShouldBe("must be from 1 to 1000");
    }
}
