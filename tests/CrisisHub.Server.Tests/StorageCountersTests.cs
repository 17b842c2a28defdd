using CrisisHub.Contracts.Cases;
using CrisisHub.Server.Admin;

namespace CrisisHub.Server.Tests;

/// <summary>The embedded database counts what it does, so the load benchmark can report durable writes per flag.</summary>
[Collection(ServerCollection.Name)]
public sealed class StorageCountersTests(ServerFixture server)
{
    [Fact]
    public async Task AFlagShowsInTheCommitsAndWritesTheDatabaseReports()
    {
        var admin = await server.SignInAsync("admin");
        var monitor = await server.SignInAsync("ts1-g2-c1-monitor");
        var before = await admin.GetAsync<StorageCounters>("api/admin/diagnostics/storage");

        (await monitor.FlagAsync(TestSeed.Student(TestSeed.OtherClassSameSchool, 20), "counted-1", ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await admin.GetAsync<StorageCounters>("api/admin/diagnostics/storage");

        after.Storage.ShouldBe("Sqlite");
        after.Commits.ShouldBeGreaterThan(before.Commits);
        // The submission, the student, the case, its audit record and its texts at least; never fewer writes than commits.
        (after.Writes - before.Writes).ShouldBeGreaterThanOrEqualTo(5);
        (after.Writes - before.Writes).ShouldBeGreaterThanOrEqualTo(after.Commits - before.Commits);
        after.UsedBytes.ShouldBeGreaterThan(0);
    }
}
