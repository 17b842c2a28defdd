using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Privacy;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// The audit log in the local database: one row per record, inserted once, never rewritten. Appends go
/// through the database's writer, so they share a commit (one fsync) with whatever else is written at that
/// moment; a conflicting append fails alone. An append completes when its transaction is durable. A record's before and
/// after are sealed with the storage key ring (StoredRecordSealing); the rest of it, and the hash column, stay readable.
/// </summary>
public sealed class SqliteAuditLog(SqliteDatabase database, StorageKeyRing keys) : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AppendAsync(string stream, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        var rows = records.Select(r => (r.Sequence, r.Hash, Json: JsonSerializer.Serialize(keys.SealFields(stream, r), Json))).ToArray();
        return database.WriteAsync(session => Insert(session, stream, rows));
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(string stream, long fromSequence = 1, int take = int.MaxValue) =>
        database.ReadAsync<IReadOnlyList<AuditRecord>>(session =>
        {
            var command = session.Command("SELECT record FROM audit_log WHERE stream = $s AND sequence >= $from ORDER BY sequence LIMIT $take");
            command.Parameters.AddWithValue("$s", stream);
            command.Parameters.AddWithValue("$from", fromSequence);
            command.Parameters.AddWithValue("$take", take);
            var records = new List<AuditRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read()) records.Add(keys.OpenFields(stream, Deserialize(reader.GetString(0))));
            return records;
        });

    public Task<AuditRecord?> LastAsync(string stream) =>
        database.ReadAsync(session =>
        {
            var command = session.Command("SELECT record FROM audit_log WHERE stream = $s ORDER BY sequence DESC LIMIT 1");
            command.Parameters.AddWithValue("$s", stream);
            return command.ExecuteScalar() is string json ? keys.OpenFields(stream, Deserialize(json)) : null;
        });

    /// <summary>
    /// Hops from stream to stream through the primary key (the next name after the last), so listing costs one index
    /// seek per stream instead of a scan of every record. The prefix is compared as text, never as a pattern.
    /// </summary>
    public Task<IReadOnlyList<string>> StreamsAsync(string prefix) =>
        database.ReadAsync<IReadOnlyList<string>>(session =>
        {
            var command = session.Command("""
                WITH RECURSIVE s(stream) AS (
                    SELECT (SELECT MIN(stream) FROM audit_log WHERE stream >= $p)
                    UNION ALL
                    SELECT (SELECT MIN(stream) FROM audit_log WHERE stream > s.stream) FROM s
                    WHERE s.stream IS NOT NULL AND substr(s.stream, 1, length($p)) = $p)
                SELECT stream FROM s WHERE stream IS NOT NULL AND substr(stream, 1, length($p)) = $p
                """);
            command.Parameters.AddWithValue("$p", prefix);
            var streams = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read()) streams.Add(reader.GetString(0));
            return streams;
        });

    /// <summary>Reads and rewrites the stream's records in the writer's session: no append can interleave.</summary>
    public Task<int> RedactAsync(string stream, Func<AuditRecord, AuditRecord> redact) => database.WriteAsync(session =>
    {
        var select = session.Command("SELECT sequence, record FROM audit_log WHERE stream = $s ORDER BY sequence");
        select.Parameters.AddWithValue("$s", stream);
        var changed = new List<AuditRecord>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var record = keys.OpenFields(stream, Deserialize(reader.GetString(1)));
                if (redact(record) is var blanked && blanked != record) changed.Add(blanked);
            }
        }

        foreach (var record in changed)
        {
            var update = session.Command("UPDATE audit_log SET record = $r WHERE stream = $s AND sequence = $q AND hash = $h");
            update.Parameters.AddWithValue("$s", stream);
            update.Parameters.AddWithValue("$q", record.Sequence);
            update.Parameters.AddWithValue("$h", record.Hash);
            update.Parameters.AddWithValue("$r", JsonSerializer.Serialize(keys.SealFields(stream, record), Json));
            update.ExecuteNonQuery();
        }

        return changed.Count;
    });

    private static void Insert(SqliteSession session, string stream, (long Sequence, string Hash, string Json)[] rows)
    {
        var last = LastSequence(session, stream);
        var expected = rows[0].Sequence;
        foreach (var row in rows)
        {
            if (row.Sequence != expected++)
                throw new AuditLogConflictException($"Audit stream {stream}: the records to append are not consecutive.");
            if (row.Sequence > last + 1)
                throw new AuditLogConflictException($"Audit stream {stream} ends at {last}; record {row.Sequence} would leave a gap.");
            if (row.Sequence <= last)
            {
                // Stored already: the same record is a retry, a different one another writer's.
                if (StoredHash(session, stream, row.Sequence) != row.Hash)
                    throw new AuditLogConflictException($"Audit stream {stream} holds a different record {row.Sequence}.");
                continue;
            }

            var command = session.Command("INSERT INTO audit_log (stream, sequence, hash, record) VALUES ($s, $q, $h, $r)");
            command.Parameters.AddWithValue("$s", stream);
            command.Parameters.AddWithValue("$q", row.Sequence);
            command.Parameters.AddWithValue("$h", row.Hash);
            command.Parameters.AddWithValue("$r", row.Json);
            command.ExecuteNonQuery();
            last = row.Sequence;
        }
    }

    private static long LastSequence(SqliteSession session, string stream)
    {
        var command = session.Command("SELECT COALESCE(MAX(sequence), 0) FROM audit_log WHERE stream = $s");
        command.Parameters.AddWithValue("$s", stream);
        return (long)command.ExecuteScalar()!;
    }

    private static string? StoredHash(SqliteSession session, string stream, long sequence)
    {
        var command = session.Command("SELECT hash FROM audit_log WHERE stream = $s AND sequence = $q");
        command.Parameters.AddWithValue("$s", stream);
        command.Parameters.AddWithValue("$q", sequence);
        return command.ExecuteScalar() as string;
    }

    private static AuditRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<AuditRecord>(json, Json) ?? throw new InvalidDataException("An empty audit record.");
}
