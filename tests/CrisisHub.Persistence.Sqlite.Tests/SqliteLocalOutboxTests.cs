using CrisisHub.Contracts.Sms;
using CrisisHub.Testing;

namespace CrisisHub.Persistence.Sqlite.Tests;

public sealed class SqliteLocalOutboxTests : LocalOutboxContract, IDisposable
{
    private readonly TempDatabase _database = new();
    private SqliteLocalOutbox? _outbox;

    protected override ILocalOutbox Outbox => _outbox ??= new SqliteLocalOutbox(_database.Database, _database.Keys);

    protected override ILocalOutbox Reopen() => new SqliteLocalOutbox(_database.Open(), _database.Keys);

    public void Dispose() => _database.Dispose();
}
