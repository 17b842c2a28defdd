using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// Orleans reminder table in the local database: the durable half of every CrisisHub deadline.
/// Rows carry the grain's uniform hash so the reminder service can read the ring range it owns.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => database.EnsureSchemaAsync(cancellationToken);

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, reminder_name, start_at, period, etag FROM reminders WHERE grain_id = $g";
        command.Parameters.AddWithValue("$g", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // Orleans ring ranges are (begin, end]; when begin >= end the range wraps around zero
        // (begin == end is the whole ring).
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = begin < end
            ? "SELECT grain_id, reminder_name, start_at, period, etag FROM reminders WHERE grain_hash > $b AND grain_hash <= $e"
            : "SELECT grain_id, reminder_name, start_at, period, etag FROM reminders WHERE grain_hash > $b OR grain_hash <= $e";
        command.Parameters.AddWithValue("$b", (long)begin);
        command.Parameters.AddWithValue("$e", (long)end);
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT grain_id, reminder_name, start_at, period, etag FROM reminders
            WHERE grain_id = $g AND reminder_name = $n
            """;
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        return (await ReadEntriesAsync(command)).FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES ($g, $n, $h, $s, $p, $etag)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
            """;
        command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$n", entry.ReminderName);
        command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$s", DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks);
        command.Parameters.AddWithValue("$p", entry.Period.Ticks);
        command.Parameters.AddWithValue("$etag", etag);
        await command.ExecuteNonQueryAsync();
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE grain_id = $g AND reminder_name = $n AND etag = $etag";
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        command.Parameters.AddWithValue("$etag", eTag);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }
}
