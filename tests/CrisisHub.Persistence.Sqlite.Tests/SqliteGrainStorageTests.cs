using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace CrisisHub.Persistence.Sqlite.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly GrainId _grain = GrainId.Create("studentcase", "c-test");

    public sealed class Sample
    {
        public string Name { get; set; } = "";
        public int[] Steps { get; set; } = [];
    }

    private SqliteGrainStorage Storage(SqliteDatabase? db = null) => new("cases", db ?? _db.Database, _db.Keys, TimeProvider.System);

    private static GrainState<Sample> Fresh() => new() { State = new Sample() };

    [Fact]
    public async Task WrittenStateIsReadBackByAnotherProcessHandle()
    {
        var written = new GrainState<Sample> { State = new Sample { Name = "王小明", Steps = [1, 2] } };
        await Storage().WriteStateAsync("case", _grain, written);

        var read = Fresh();
        await Storage(_db.Open()).ReadStateAsync("case", _grain, read);

        read.RecordExists.ShouldBeTrue();
        read.ETag.ShouldBe(written.ETag);
        read.State!.Name.ShouldBe("王小明");
        read.State!.Steps.ShouldBe([1, 2]);
    }

    [Fact]
    public async Task AMissingRecordReadsAsNewState()
    {
        var read = Fresh();
        await Storage().ReadStateAsync("case", _grain, read);

        read.RecordExists.ShouldBeFalse();
        read.ETag.ShouldBeNull();
    }

    [Fact]
    public async Task AStaleEtagIsRejectedAndNothingIsOverwritten()
    {
        var first = new GrainState<Sample> { State = new Sample { Name = "first" } };
        await Storage().WriteStateAsync("case", _grain, first);
        var stale = new GrainState<Sample> { State = new Sample { Name = "stale" }, ETag = first.ETag };
        first.State.Name = "second";
        await Storage().WriteStateAsync("case", _grain, first);

        await Should.ThrowAsync<InconsistentStateException>(() => Storage().WriteStateAsync("case", _grain, stale));

        var read = Fresh();
        await Storage().ReadStateAsync("case", _grain, read);
        read.State!.Name.ShouldBe("second");
    }

    [Fact]
    public async Task CreatingARecordThatAlreadyExistsIsRejected()
    {
        await Storage().WriteStateAsync("case", _grain, new GrainState<Sample> { State = new Sample() });

        await Should.ThrowAsync<InconsistentStateException>(() => Storage().WriteStateAsync("case", _grain, Fresh()));
    }

    [Fact]
    public async Task ClearingNeedsTheCurrentEtag()
    {
        var state = new GrainState<Sample> { State = new Sample { Name = "x" } };
        await Storage().WriteStateAsync("case", _grain, state);

        await Should.ThrowAsync<InconsistentStateException>(() =>
            Storage().ClearStateAsync("case", _grain, new GrainState<Sample> { State = new Sample(), ETag = "old" }));
        await Storage().ClearStateAsync("case", _grain, state);

        var read = Fresh();
        await Storage().ReadStateAsync("case", _grain, read);
        read.RecordExists.ShouldBeFalse();
        state.ETag.ShouldBeNull();
    }

    [Fact]
    public async Task ProvidersWithDifferentNamesDoNotShareRecords()
    {
        await Storage().WriteStateAsync("case", _grain, new GrainState<Sample> { State = new Sample { Name = "cases" } });

        var read = Fresh();
        await new SqliteGrainStorage("network", _db.Database, _db.Keys, TimeProvider.System).ReadStateAsync("case", _grain, read);

        read.RecordExists.ShouldBeFalse();
    }

    public void Dispose() => _db.Dispose();
}
