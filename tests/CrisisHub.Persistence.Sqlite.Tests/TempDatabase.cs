using Microsoft.Extensions.Options;

namespace CrisisHub.Persistence.Sqlite.Tests;

/// <summary>A database file of its own for each test, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crisishub-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase() => Database = Open();

    public SqliteDatabase Database { get; }

    /// <summary>A second, independent handle on the same file, as a restarted process would have.</summary>
    public SqliteDatabase Open() =>
        new(Options.Create(new SqliteDatabaseOptions { DatabasePath = Path.Combine(_folder, "crisishub.db") }));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
