using CrisisHub.Privacy;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>Whether a database file holds data sealed with storage keys (asked before the server makes itself a new key).</summary>
public static class SqliteSealedData
{
    public static bool Exists(string databasePath)
    {
        if (!File.Exists(databasePath)) return false;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var table = connection.CreateCommand();
        table.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'";
        if ((long)table.ExecuteScalar()! == 0) return false;
        // Whatever else is sealed (audit records, texts) belongs to grain state written with it: one table tells.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM grain_state WHERE substr(payload, 1, $n) = $prefix)";
        command.Parameters.AddWithValue("$n", StorageKeyRing.Prefix.Length);
        command.Parameters.AddWithValue("$prefix", StorageKeyRing.Prefix);
        return (long)command.ExecuteScalar()! == 1;
    }
}
