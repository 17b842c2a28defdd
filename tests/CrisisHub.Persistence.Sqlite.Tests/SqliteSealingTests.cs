using System.Security.Cryptography;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Sms;
using CrisisHub.Privacy;
using Orleans;
using Orleans.Runtime;

namespace CrisisHub.Persistence.Sqlite.Tests;

/// <summary>
/// Issue 17 in embedded mode: the SQLite stores seal sensitive data with the storage keys, rows written before encryption
/// still read, and a rotation (a new current key beside the old one) keeps old rows readable while new writes use the new key.
/// </summary>
public sealed class SqliteSealingTests : IDisposable
{
    private static readonly StorageKey A = StorageKey.Generate("a");
    private static readonly StorageKey B = StorageKey.Generate("b");
    private readonly TempDatabase _db = new();
    private readonly GrainId _grain = GrainId.Create("studentcase", "c-1");

    public sealed class Sample
    {
        public string Name { get; set; } = "";
    }

    private string Stored(string sql, string key) => _db.Database.ReadAsync(session =>
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$k", key);
        return (string)command.ExecuteScalar()!;
    }).GetAwaiter().GetResult();

    private string StoredPayload(GrainId grain) => Stored("SELECT payload FROM grain_state WHERE state_name = 'cases/case' AND grain_id = $k", grain.ToString());

    [Fact]
    public async Task AfterRotationOldRowsStillReadAndNewWritesUseTheNewKey()
    {
        var before = StorageKeyRing.Of(A);
        await new SqliteGrainStorage("cases", _db.Database, before, TimeProvider.System).WriteStateAsync("case", _grain, new GrainState<Sample> { State = new() { Name = "欧阳测试" } });
        var record = new AuditRecord(1, DateTimeOffset.UnixEpoch, "teacher", "HeadTeacher", "ActionRecorded", null, "talked with 欧阳测试", "genesis", "h1");
        await new SqliteAuditLog(_db.Database, before).AppendAsync("case:c-1", [record]);
        var text = new LocalText("SM1", "m-1", "+13125550177", "欧阳测试 回复 1 4821", DateTimeOffset.UnixEpoch);
        await new SqliteLocalOutbox(_db.Database, before).RecordAsync(text);

        var rotated = new StorageKeyRing([A, B], "b");
        var reopened = _db.Open();
        var storage = new SqliteGrainStorage("cases", reopened, rotated, TimeProvider.System);
        var read = new GrainState<Sample>();
        await storage.ReadStateAsync("case", _grain, read);
        read.State!.Name.ShouldBe("欧阳测试");
        (await new SqliteAuditLog(reopened, rotated).ReadAsync("case:c-1")).ShouldBe([record]);
        (await new SqliteLocalOutbox(reopened, rotated).FindAsync("m-1")).ShouldBe(text);
        StoredPayload(_grain).ShouldStartWith("enc:v1:a:", customMessage: "read, not rewritten");

        read.State!.Name = "欧阳测试 (updated)";
        await storage.WriteStateAsync("case", _grain, read);
        StoredPayload(_grain).ShouldStartWith("enc:v1:b:");
        await new SqliteAuditLog(reopened, rotated).AppendAsync("case:c-1", [record with { Sequence = 2, PreviousHash = "h1", Hash = "h2" }]);
        Stored("SELECT json_extract(record, '$.after') FROM audit_log WHERE stream = $k AND sequence = 2", "case:c-1").ShouldStartWith("enc:v1:b:");

        // The old key removed while a row still needs it: the read fails and names the key.
        var missing = await Should.ThrowAsync<UnknownStorageKeyException>(() => new SqliteAuditLog(reopened, StorageKeyRing.Of(B)).ReadAsync("case:c-1"));
        missing.KeyId.ShouldBe("a");
    }

    [Fact]
    public async Task ARowWrittenBeforeEncryptionReadsAndIsSealedAtItsNextWrite()
    {
        await _db.Database.WriteAsync(session => session.Command(
            """INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES ('cases/case', 'studentcase/c-1', 'e1', '{"Name":"欧阳测试"}', '')""").ExecuteNonQuery());
        SqliteSealedData.Exists(_db.Database.DatabasePath).ShouldBeFalse("plain rows only: a server may make its first key over them");
        var storage = new SqliteGrainStorage("cases", _db.Database, StorageKeyRing.Of(A), TimeProvider.System);

        var read = new GrainState<Sample>();
        await storage.ReadStateAsync("case", _grain, read);
        read.State!.Name.ShouldBe("欧阳测试");
        await storage.WriteStateAsync("case", _grain, read);

        StoredPayload(_grain).ShouldStartWith("enc:v1:a:");
        StoredPayload(_grain).ShouldNotContain("欧阳");
        SqliteSealedData.Exists(_db.Database.DatabasePath).ShouldBeTrue();
    }

    [Fact]
    public async Task ARowCopiedOntoAnotherGrainDoesNotOpenThere()
    {
        var storage = new SqliteGrainStorage("cases", _db.Database, StorageKeyRing.Of(A), TimeProvider.System);
        await storage.WriteStateAsync("case", _grain, new GrainState<Sample> { State = new() { Name = "欧阳测试" } });
        SqliteSealedData.Exists(_db.Database.DatabasePath).ShouldBeTrue();
        await _db.Database.WriteAsync(session => session.Command(
            "INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) SELECT state_name, 'studentcase/c-2', etag, payload, updated_at FROM grain_state").ExecuteNonQuery());

        await Should.ThrowAsync<CryptographicException>(() => storage.ReadStateAsync("case", GrainId.Create("studentcase", "c-2"), new GrainState<Sample>()));
    }

    public void Dispose() => _db.Dispose();
}
