using System.Text.Json;
using System.Threading.Channels;
using CrisisHub.Contracts.Audit;
using Microsoft.Data.Sqlite;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// The audit log in the local database: one row per record, inserted once. Microsoft.Data.Sqlite runs
/// synchronously and every commit is an fsync, so appends are not written by the grain turns that make them:
/// one writer takes every append waiting at that moment and commits them in a single transaction (group
/// commit), each under its own savepoint so a conflicting append fails alone. An append completes when its
/// transaction is durable.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAsyncDisposable
{
    private const int MostPerCommit = 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteDatabase _database;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteAuditLog(SqliteDatabase database)
    {
        _database = database;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task AppendAsync(string stream, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        var pending = new PendingAppend(stream, records);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteAuditLog));
        return pending.Done.Task;
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string stream, long fromSequence = 1, int take = int.MaxValue)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM audit_log WHERE stream = $s AND sequence >= $from ORDER BY sequence LIMIT $take";
        command.Parameters.AddWithValue("$s", stream);
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$take", take);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) records.Add(Deserialize(reader.GetString(0)));
        return records;
    }

    public async Task<AuditRecord?> LastAsync(string stream)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM audit_log WHERE stream = $s ORDER BY sequence DESC LIMIT 1";
        command.Parameters.AddWithValue("$s", stream);
        return await command.ExecuteScalarAsync() is string json ? Deserialize(json) : null;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<PendingAppend>();
            while (batch.Count < MostPerCommit && reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception exception)
            {
                foreach (var pending in batch) pending.Done.TrySetException(exception);
            }
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var refused = new Dictionary<PendingAppend, AuditLogConflictException>();
        for (var i = 0; i < batch.Count; i++)
        {
            var savepoint = $"append{i}";
            transaction.Save(savepoint);
            try
            {
                Insert(connection, transaction, batch[i]);
                transaction.Release(savepoint);
            }
            catch (AuditLogConflictException conflict)
            {
                transaction.Rollback(savepoint);
                refused[batch[i]] = conflict;
            }
        }

        transaction.Commit();
        foreach (var pending in batch)
        {
            if (refused.TryGetValue(pending, out var conflict)) pending.Done.TrySetException(conflict);
            else pending.Done.TrySetResult();
        }
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, PendingAppend pending)
    {
        var last = LastSequence(connection, transaction, pending.Stream);
        var expected = pending.Records[0].Sequence;
        foreach (var record in pending.Records)
        {
            if (record.Sequence != expected++)
                throw new AuditLogConflictException($"Audit stream {pending.Stream}: the records to append are not consecutive.");
            if (record.Sequence > last + 1)
                throw new AuditLogConflictException($"Audit stream {pending.Stream} ends at {last}; record {record.Sequence} would leave a gap.");
            if (record.Sequence <= last)
            {
                // Stored already: the same record is a retry, a different one another writer's.
                if (StoredHash(connection, transaction, pending.Stream, record.Sequence) != record.Hash)
                    throw new AuditLogConflictException($"Audit stream {pending.Stream} holds a different record {record.Sequence}.");
                continue;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO audit_log (stream, sequence, hash, record) VALUES ($s, $q, $h, $r)";
            command.Parameters.AddWithValue("$s", pending.Stream);
            command.Parameters.AddWithValue("$q", record.Sequence);
            command.Parameters.AddWithValue("$h", record.Hash);
            command.Parameters.AddWithValue("$r", JsonSerializer.Serialize(record, Json));
            command.ExecuteNonQuery();
            last = record.Sequence;
        }
    }

    private static long LastSequence(SqliteConnection connection, SqliteTransaction transaction, string stream)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM audit_log WHERE stream = $s";
        command.Parameters.AddWithValue("$s", stream);
        return (long)command.ExecuteScalar()!;
    }

    private static string? StoredHash(SqliteConnection connection, SqliteTransaction transaction, string stream, long sequence)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT hash FROM audit_log WHERE stream = $s AND sequence = $q";
        command.Parameters.AddWithValue("$s", stream);
        command.Parameters.AddWithValue("$q", sequence);
        return command.ExecuteScalar() as string;
    }

    private static AuditRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<AuditRecord>(json, Json) ?? throw new InvalidDataException("An empty audit record.");

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed class PendingAppend(string stream, IReadOnlyList<AuditRecord> records)
    {
        public string Stream { get; } = stream;
        public IReadOnlyList<AuditRecord> Records { get; } = records;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
