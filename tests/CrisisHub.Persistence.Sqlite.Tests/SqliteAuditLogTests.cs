using CrisisHub.Contracts.Audit;
using CrisisHub.Testing;

namespace CrisisHub.Persistence.Sqlite.Tests;

public sealed class SqliteAuditLogTests : AuditLogContract, IDisposable
{
    private readonly TempDatabase _database = new();
    private SqliteAuditLog? _log;

    protected override IAuditLog Log => _log ??= new SqliteAuditLog(_database.Database, _database.Keys);

    protected override IAuditLog Reopen() => new SqliteAuditLog(_database.Open(), _database.Keys);

    public void Dispose() => _database.Dispose();
}
