using CrisisHub.Contracts.Sms;
using CrisisHub.Privacy;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// The local outbox as rows of the local database: one insert per text through the database's writer (sharing
/// its commit with the write that caused it, often), and a delete of the row that fell out of the kept window. The phone
/// number and body are sealed with the storage key ring; ids and the time stay readable (the look-up and the window use them).
/// </summary>
public sealed class SqliteLocalOutbox(SqliteDatabase database, StorageKeyRing keys) : ILocalOutbox
{
    private const string Columns = "SELECT sid, message_id, recipient, body, at FROM local_outbox";

    public Task RecordAsync(LocalText text)
    {
        text = keys.SealFields(text);
        var at = text.At.ToUnixTimeMilliseconds();
        return database.WriteAsync(session =>
        {
            var insert = session.Command("""
                INSERT INTO local_outbox (sid, message_id, recipient, body, at) VALUES ($sid, $m, $to, $body, $at)
                ON CONFLICT (sid) DO NOTHING RETURNING seq
                """);
            insert.Parameters.AddWithValue("$sid", text.Sid);
            insert.Parameters.AddWithValue("$m", text.MessageId);
            insert.Parameters.AddWithValue("$to", text.To);
            insert.Parameters.AddWithValue("$body", text.Body);
            insert.Parameters.AddWithValue("$at", at);
            if (insert.ExecuteScalar() is not long seq) return;
            var trim = session.Command("DELETE FROM local_outbox WHERE seq <= $oldest");
            trim.Parameters.AddWithValue("$oldest", seq - LocalOutbox.Kept);
            trim.ExecuteNonQuery();
        });
    }

    public Task<LocalText[]> LatestAsync(int take) => take < 1 ? Task.FromResult<LocalText[]>([]) : database.ReadAsync(session =>
    {
        var command = session.Command($"{Columns} ORDER BY seq DESC LIMIT $take");
        command.Parameters.AddWithValue("$take", take);
        return Read(command).ToArray();
    });

    public Task<LocalText?> FindAsync(string messageId) => database.ReadAsync(session =>
    {
        var command = session.Command($"{Columns} WHERE message_id = $m ORDER BY seq DESC LIMIT 1");
        command.Parameters.AddWithValue("$m", messageId);
        return Read(command).FirstOrDefault();
    });

    public Task<int> ForgetBeforeAsync(DateTimeOffset cutoff) => database.WriteAsync(session =>
    {
        var delete = session.Command("DELETE FROM local_outbox WHERE at < $cutoff");
        delete.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return delete.ExecuteNonQuery();
    });

    private List<LocalText> Read(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var texts = new List<LocalText>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            texts.Add(keys.OpenFields(new LocalText(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))));
        return texts;
    }
}
