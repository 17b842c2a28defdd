using Orleans;
using Orleans.Runtime;

namespace CrisisHub.Persistence.Sqlite.Tests;

public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static ReminderEntry Entry(string key, string name = "deadline") => new()
    {
        GrainId = GrainId.Create("studentcase", key),
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 23, 8, 15, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task RemindersSurviveARestart()
    {
        var entry = Entry("c-1");
        var etag = await new SqliteReminderTable(_db.Database).UpsertRow(entry);

        var restarted = new SqliteReminderTable(_db.Open());
        await restarted.StartAsync();
        var read = await restarted.ReadRow(entry.GrainId, "deadline");

        read.ShouldNotBeNull();
        read.ETag.ShouldBe(etag);
        read.StartAt.ShouldBe(entry.StartAt);
        read.StartAt.Kind.ShouldBe(DateTimeKind.Utc);
        read.Period.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task UpsertReplacesTheRowAndItsEtag()
    {
        var table = new SqliteReminderTable(_db.Database);
        var entry = Entry("c-2");
        var first = await table.UpsertRow(entry);
        entry.StartAt = entry.StartAt.AddMinutes(15);
        var second = await table.UpsertRow(entry);

        second.ShouldNotBe(first);
        (await table.ReadRows(entry.GrainId)).Reminders.Single().StartAt.ShouldBe(entry.StartAt);
    }

    [Fact]
    public async Task RemovingWithAStaleEtagFails()
    {
        var table = new SqliteReminderTable(_db.Database);
        var entry = Entry("c-3");
        var etag = await table.UpsertRow(entry);

        (await table.RemoveRow(entry.GrainId, "deadline", "stale")).ShouldBeFalse();
        (await table.RemoveRow(entry.GrainId, "deadline", etag!)).ShouldBeTrue();
        (await table.ReadRow(entry.GrainId, "deadline")).ShouldBeNull();
    }

    [Fact]
    public async Task RingRangesSplitTheTableWithoutGapsOrOverlaps()
    {
        var table = new SqliteReminderTable(_db.Database);
        var entries = Enumerable.Range(0, 40).Select(i => Entry($"c-ring-{i}")).ToList();
        foreach (var e in entries) await table.UpsertRow(e);
        var middle = entries.Select(e => e.GrainId.GetUniformHashCode()).OrderBy(h => h).ElementAt(20);

        var low = (await table.ReadRows(0u, middle)).Reminders;
        var high = (await table.ReadRows(middle, 0u)).Reminders;
        var whole = (await table.ReadRows(middle, middle)).Reminders;

        (low.Count + high.Count).ShouldBe(40);
        low.Select(r => r.GrainId).Intersect(high.Select(r => r.GrainId)).ShouldBeEmpty();
        whole.Count.ShouldBe(40);
    }

    public void Dispose() => _db.Dispose();
}
