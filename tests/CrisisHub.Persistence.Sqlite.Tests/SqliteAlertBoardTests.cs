using CrisisHub.Contracts.Wallboard;
using CrisisHub.Testing;

namespace CrisisHub.Persistence.Sqlite.Tests;

public sealed class SqliteAlertBoardTests : AlertBoardContract, IDisposable
{
    private readonly TempDatabase _database = new();
    private SqliteAlertBoard? _board;

    protected override IAlertBoard Board => _board ??= new SqliteAlertBoard(_database.Database);

    protected override IAlertBoard Reopen() => new SqliteAlertBoard(_database.Open());

    public void Dispose() => _database.Dispose();
}
