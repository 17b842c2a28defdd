using CrisisHub.Privacy;
using Microsoft.Extensions.Options;

namespace CrisisHub.Persistence.Sqlite.Tests;

/// <summary>A database file of its own for each test, closed and deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crisishub-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteDatabase> _opened = [];

    public TempDatabase() => Database = Open();

    public SqliteDatabase Database { get; }

    /// <summary>The storage keys the stores over this file seal with (the same for every handle, as for a restarted server).</summary>
    public StorageKeyRing Keys { get; } = StorageKeyRing.Of(StorageKey.Generate("test"));

    /// <summary>A second, independent handle on the same file, as a restarted process would have.</summary>
    public SqliteDatabase Open()
    {
        var database = new SqliteDatabase(Options.Create(new SqliteDatabaseOptions { DatabasePath = Path.Combine(_folder, "crisishub.db") }));
        _opened.Add(database);
        return database;
    }

    public void Dispose()
    {
        foreach (var database in _opened) database.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
