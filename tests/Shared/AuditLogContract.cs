using CrisisHub.Contracts.Audit;
using Shouldly;
using Xunit;

namespace CrisisHub.Testing;

/// <summary>What every audit log store promises, run against each of them (SQLite, Redis).</summary>
public abstract class AuditLogContract
{
    protected abstract IAuditLog Log { get; }

    /// <summary>A second handle on the same storage, as another process (or a restart) would have.</summary>
    protected abstract IAuditLog Reopen();

    private static AuditRecord Record(long sequence, string variant = "") => new(sequence, new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(sequence),
        "ts1-g1-c1-teacher", "HeadTeacher", AuditActions.CaseRead, null, $"after {sequence}{variant}", $"prev-{sequence - 1}{variant}", $"hash-{sequence}{variant}",
        sequence % 2 == 0 ? new AuditStep(1, 0, 3, [Contracts.Network.NetworkLevel.Grade], DateTimeOffset.UnixEpoch) : null);

    private static string NewStream() => $"case-{Guid.NewGuid():N}";

    [Fact]
    public async Task AppendedRecordsReadBackInOrderWithEveryFieldAndTheLastIsTheHead()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, [Record(1), Record(2)]);
        await Log.AppendAsync(stream, [Record(3)]);

        var read = await Reopen().ReadAsync(stream);

        read.Select(r => r.Sequence).ShouldBe([1L, 2L, 3L]);
        read[1].ShouldBeEquivalentTo(Record(2));
        read[0].Step.ShouldBeNull();
        (await Log.LastAsync(stream))!.Hash.ShouldBe("hash-3");
        (await Log.ReadAsync(stream, fromSequence: 2, take: 1)).Single().Sequence.ShouldBe(2);
        (await Log.LastAsync(NewStream())).ShouldBeNull();
        (await Log.ReadAsync(NewStream())).ShouldBeEmpty();
    }

    [Fact]
    public async Task RepeatingAnAppendThatIsStoredChangesNothing()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, [Record(1), Record(2)]);

        await Log.AppendAsync(stream, [Record(2)]);
        await Log.AppendAsync(stream, [Record(2), Record(3)]);

        (await Log.ReadAsync(stream)).Select(r => r.Sequence).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public async Task ADifferentRecordAtAStoredSequenceOrAGapIsRefusedAndStoresNothing()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, [Record(1), Record(2)]);

        await Should.ThrowAsync<AuditLogConflictException>(() => Log.AppendAsync(stream, [Record(2, "other"), Record(3, "other")]));
        await Should.ThrowAsync<AuditLogConflictException>(() => Log.AppendAsync(stream, [Record(4)]));
        await Should.ThrowAsync<AuditLogConflictException>(() => Log.AppendAsync(stream, [Record(3), Record(5)]));

        (await Log.ReadAsync(stream)).Select(r => r.Hash).ShouldBe(["hash-1", "hash-2"]);
    }

    [Fact]
    public async Task StreamsAreIndependentAndConcurrentAppendsToManyStreamsAllLand()
    {
        var streams = Enumerable.Range(0, 40).Select(_ => NewStream()).ToList();

        await Task.WhenAll(streams.Select(async s =>
        {
            for (var n = 1; n <= 5; n++) await Log.AppendAsync(s, [Record(n)]);
        }));

        foreach (var s in streams) (await Log.ReadAsync(s)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task StreamsAreListedByPrefixOnceEachInOrdinalOrder()
    {
        var prefix = $"list-{Guid.NewGuid():N}:";
        await Log.AppendAsync(prefix + "b", [Record(1), Record(2)]);
        await Log.AppendAsync(prefix + "a", [Record(1)]);
        await Log.AppendAsync($"other-{prefix}c", [Record(1)]);
        await Log.AppendAsync(prefix.TrimEnd(':') + "x", [Record(1)]);

        (await Reopen().StreamsAsync(prefix)).ShouldBe([prefix + "a", prefix + "b"]);
        (await Log.StreamsAsync($"none-{Guid.NewGuid():N}:")).ShouldBeEmpty();
    }

    [Fact]
    public async Task APrefixIsTakenLiterallyNotAsAPattern()
    {
        var id = Guid.NewGuid().ToString("N");
        await Log.AppendAsync($"g[1]*?%_{id}:s", [Record(1)]);
        await Log.AppendAsync($"g1x{id}:s", [Record(1)]);
        await Log.AppendAsync($"gx1]yy%_{id}:s", [Record(1)]);

        (await Log.StreamsAsync($"g[1]*?%_{id}")).ShouldBe([$"g[1]*?%_{id}:s"]);
    }

    [Fact]
    public async Task RedactingBlanksWhatTheFunctionBlanksAndKeepsEveryHashAndSequence()
    {
        var stream = NewStream();
        await Log.AppendAsync(stream, [Record(1), Record(2), Record(3)]);
        static AuditRecord Blank(AuditRecord r) => r.Sequence == 2 || r.Redacted ? r : r with { Before = null, After = null, Redacted = true };

        (await Log.RedactAsync(stream, Blank)).ShouldBe(2);
        (await Log.RedactAsync(stream, Blank)).ShouldBe(0, "a repeat blanks none");

        var stored = await Reopen().ReadAsync(stream);
        stored.Select(r => r.Sequence).ShouldBe([1L, 2L, 3L]);
        stored.Select(r => r.Hash).ShouldBe([Record(1).Hash, Record(2).Hash, Record(3).Hash]);
        stored[0].ShouldBeEquivalentTo(Blank(Record(1)));
        stored[1].ShouldBeEquivalentTo(Record(2));
        (await Reopen().LastAsync(stream)).ShouldBeEquivalentTo(Blank(Record(3)));
        // The stream still takes its next record, and a retry of a redacted one is recognised by its hash.
        await Log.AppendAsync(stream, [Record(3), Record(4)]);
        (await Reopen().ReadAsync(stream)).Count.ShouldBe(4);
    }
}
