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
    private const string Columns = "SELECT grain_id, reminder_name, start_at, period, etag FROM reminders";

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var id = grainId.ToString();
        return new ReminderTableData(await database.ReadAsync(session =>
        {
            var command = session.Command($"{Columns} WHERE grain_id = $g");
            command.Parameters.AddWithValue("$g", id);
            return ReadEntries(command);
        }));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        new(await database.ReadAsync(session =>
        {
            // Orleans ring ranges are (begin, end]; when begin >= end the range wraps around zero
            // (begin == end is the whole ring).
            var command = session.Command(begin < end
                ? $"{Columns} WHERE grain_hash > $b AND grain_hash <= $e"
                : $"{Columns} WHERE grain_hash > $b OR grain_hash <= $e");
            command.Parameters.AddWithValue("$b", (long)begin);
            command.Parameters.AddWithValue("$e", (long)end);
            return ReadEntries(command);
        }));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var id = grainId.ToString();
        return (await database.ReadAsync(session =>
        {
            var command = session.Command($"{Columns} WHERE grain_id = $g AND reminder_name = $n");
            command.Parameters.AddWithValue("$g", id);
            command.Parameters.AddWithValue("$n", reminderName);
            return ReadEntries(command);
        })).FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        var id = entry.GrainId.ToString();
        var hash = (long)entry.GrainId.GetUniformHashCode();
        var startAt = DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks;
        await database.WriteAsync(session =>
        {
            var command = session.Command("""
                INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period, etag)
                VALUES ($g, $n, $h, $s, $p, $etag)
                ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                    start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
                """);
            command.Parameters.AddWithValue("$g", id);
            command.Parameters.AddWithValue("$n", entry.ReminderName);
            command.Parameters.AddWithValue("$h", hash);
            command.Parameters.AddWithValue("$s", startAt);
            command.Parameters.AddWithValue("$p", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
            command.ExecuteNonQuery();
        });
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var id = grainId.ToString();
        return database.WriteAsync(session =>
        {
            var command = session.Command("DELETE FROM reminders WHERE grain_id = $g AND reminder_name = $n AND etag = $etag");
            command.Parameters.AddWithValue("$g", id);
            command.Parameters.AddWithValue("$n", reminderName);
            command.Parameters.AddWithValue("$etag", eTag);
            return command.ExecuteNonQuery() == 1;
        });
    }

    public Task TestOnlyClearTable() => database.WriteAsync(session => session.Command("DELETE FROM reminders").ExecuteNonQuery());

    private static List<ReminderEntry> ReadEntries(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
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
