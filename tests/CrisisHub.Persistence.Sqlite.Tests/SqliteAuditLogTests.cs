using CrisisHub.Contracts.Audit;
using CrisisHub.Testing;

namespace CrisisHub.Persistence.Sqlite.Tests;

public sealed class SqliteAuditLogTests : AuditLogContract, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly List<SqliteAuditLog> _opened = [];
    private SqliteAuditLog? _log;

    protected override IAuditLog Log => _log ??= Open(_database.Database);

    protected override IAuditLog Reopen() => Open(_database.Open());

    private SqliteAuditLog Open(SqliteDatabase database)
    {
        var log = new SqliteAuditLog(database);
        _opened.Add(log);
        return log;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var log in _opened) await log.DisposeAsync();
        _database.Dispose();
    }
}
