using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Audit;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// The audit_log table of a data folder's database, changed with plain SQL beside the running server, as someone with
/// write access to the file (and, for a rewrite that reads, the storage keys beside it) could: the layout is
/// SqliteAuditLog's (stream, sequence, hash, record as web JSON with its before/after encrypted).
/// </summary>
public sealed class AuditLogFile(string dataFolder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private CrisisHub.Privacy.StorageKeyRing Keys => CrisisHub.Privacy.StorageKeyFile.Read(Path.Combine(dataFolder, "secrets", "storage-keys.json"));

    public List<AuditRecord> Read(string stream) => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM audit_log WHERE stream = $s ORDER BY sequence";
        command.Parameters.AddWithValue("$s", stream);
        using var reader = command.ExecuteReader();
        var records = new List<AuditRecord>();
        var keys = Keys;
        while (reader.Read()) records.Add(CrisisHub.Privacy.StoredRecordSealing.OpenFields(keys, stream, JsonSerializer.Deserialize<AuditRecord>(reader.GetString(0), Json)!));
        return records;
    });

    /// <summary>DELETE of every record after <paramref name="keep"/>.</summary>
    public int CutAfter(string stream, long keep) => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit_log WHERE stream = $s AND sequence > $q";
        command.Parameters.AddWithValue("$s", stream);
        command.Parameters.AddWithValue("$q", keep);
        return command.ExecuteNonQuery();
    });

    /// <summary>Replaces a record as stored, hash column included, without touching the others.</summary>
    public void Replace(string stream, AuditRecord record) => Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_log SET hash = $h, record = $r WHERE stream = $s AND sequence = $q";
        command.Parameters.AddWithValue("$s", stream);
        command.Parameters.AddWithValue("$q", record.Sequence);
        command.Parameters.AddWithValue("$h", record.Hash);
        command.Parameters.AddWithValue("$r", JsonSerializer.Serialize(CrisisHub.Privacy.StoredRecordSealing.SealFields(Keys, stream, record), Json));
        return command.ExecuteNonQuery();
    });

    /// <summary>
    /// Changes record <paramref name="sequence"/> and re-hashes it and every record after it, so the chain links again:
    /// the rewrite only a signed anchor can reveal.
    /// </summary>
    public void RewriteFrom(string stream, long sequence, Func<AuditRecord, AuditRecord> alter)
    {
        var records = Read(stream);
        AuditHead? head = sequence == 1 ? null : AuditHead.Of(records[(int)sequence - 2]);
        foreach (var original in records.Skip((int)sequence - 1))
        {
            var r = original.Sequence == sequence ? alter(original) : original;
            var actor = new Actor(r.ActorId, "", r.ActorRole == "System" ? null : Enum.Parse<ResponderRole>(r.ActorRole));
            var rehashed = AuditChain.Next(head, r.At, actor, r.Action, r.Before, r.After, r.Step);
            Replace(stream, rehashed);
            head = AuditHead.Of(rehashed);
        }
    }

    private T Use<T>(Func<SqliteConnection, T> work)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "crisishub.db"), Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return work(connection);
    }
}
