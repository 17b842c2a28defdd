namespace CrisisHub.Persistence.Sqlite.Tests;

/// <summary>The writer's group commit: writes queued together share one transaction, and each still fails alone.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDatabase _temp = new();

    private SqliteDatabase Db => _temp.Database;

    public void Dispose() => _temp.Dispose();

    /// <summary>Holds the writer thread inside a write until released, so what is queued meanwhile forms the next batch.</summary>
    private (Task Held, ManualResetEventSlim Release) HoldWriter()
    {
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var held = Db.WriteAsync(_ =>
        {
            started.Set();
            // Bounded, so a failing assertion before the release cannot leave the writer (and the test run) stuck.
            release.Wait(TimeSpan.FromSeconds(30));
        });
        started.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the writer took the holding write");
        return (held, release);
    }

    private Task Insert(string key, bool thenRefuse = false) => Db.WriteAsync(session =>
    {
        var command = session.Command("INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES ('t', $g, 'e', '{}', '')");
        command.Parameters.AddWithValue("$g", key);
        command.ExecuteNonQuery();
        if (thenRefuse) throw new InvalidOperationException($"refused {key}");
    });

    private Task<long> CountAsync() => Db.ReadAsync(session => (long)session.Command("SELECT COUNT(*) FROM grain_state WHERE state_name = 't'").ExecuteScalar()!);

    [Fact]
    public async Task WritesQueuedWhileTheWriterIsBusyAreCommittedTogetherInOneTransaction()
    {
        var (held, release) = HoldWriter();
        var queued = Enumerable.Range(0, 100).Select(i => Insert($"g{i}")).ToArray();
        queued.ShouldAllBe(t => !t.IsCompleted, "nothing is reported stored before its commit");
        var commitsBefore = Db.Counters.Commits;

        release.Set();
        await held;
        await Task.WhenAll(queued);

        (Db.Counters.Commits - commitsBefore).ShouldBe(2, "the held write's transaction, then one for all hundred queued behind it");
        (await CountAsync()).ShouldBe(100);
    }

    [Fact]
    public async Task AWriteThatThrowsIsRolledBackAloneAndTheOthersInItsBatchCommit()
    {
        var (held, release) = HoldWriter();
        var first = Insert("a");
        var refused = Insert("b", thenRefuse: true);
        var last = Insert("c");

        release.Set();
        await Task.WhenAll(held, first, last);

        (await Should.ThrowAsync<InvalidOperationException>(refused)).Message.ShouldBe("refused b");
        (await CountAsync()).ShouldBe(2);
        var keys = await Db.ReadAsync(session =>
        {
            using var reader = session.Command("SELECT grain_id FROM grain_state WHERE state_name = 't' ORDER BY grain_id").ExecuteReader();
            var found = new List<string>();
            while (reader.Read()) found.Add(reader.GetString(0));
            return found;
        });
        keys.ShouldBe(["a", "c"]);
    }

    [Fact]
    public async Task WritesRunOnTheWriterThreadAndReadsOnAReaderThreadNeverOnTheThreadPool()
    {
        var writer = await Db.WriteAsync(_ => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
        var reader = await Db.ReadAsync(_ => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));

        writer.ShouldBe(("sqlite-writer", false));
        reader.Name.ShouldStartWith("sqlite-reader-");
        reader.IsThreadPoolThread.ShouldBeFalse();
    }

    [Fact]
    public async Task AWriteIsVisibleToAnotherHandleOnTheFileOnceItsTaskCompletes()
    {
        await Insert("durable");

        var restarted = _temp.Open();
        (await restarted.ReadAsync(session => (long)session.Command("SELECT COUNT(*) FROM grain_state WHERE grain_id = 'durable'").ExecuteScalar()!))
            .ShouldBe(1);
    }

    [Fact]
    public async Task AfterDisposalWritesAreRefusedAndWhatWasQueuedWasCommitted()
    {
        var database = _temp.Open();
        var queued = database.WriteAsync(_ => { });
        await database.DisposeAsync();

        queued.IsCompletedSuccessfully.ShouldBeTrue();
        Should.Throw<ObjectDisposedException>(() => database.WriteAsync(_ => { }));
    }
}
