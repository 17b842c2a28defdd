using System.Text.Json;
using CrisisHub.Privacy;
using Orleans.Runtime;
using Orleans.Storage;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// Orleans grain storage in the local database. State is JSON sealed with the storage key ring (it holds names, phone
/// numbers, notes and safety plans), bound to its row's state name and grain id; a row written before encryption existed
/// is plain JSON, read as it is and sealed at its next write. ETags are opaque version strings compared on every write, so
/// a stale activation (for example one left over from a crash) can never overwrite newer state.
/// JSON is made, sealed, opened and parsed on the caller's thread; the database's writer and readers only move text.
/// </summary>
public sealed class SqliteGrainStorage(string providerName, SqliteDatabase database, StorageKeyRing keys, TimeProvider timeProvider) : IGrainStorage
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
    };

    private const string SelectRow = "SELECT etag, payload FROM grain_state WHERE state_name = $s AND grain_id = $g";
    private const string SelectEtag = "SELECT etag FROM grain_state WHERE state_name = $s AND grain_id = $g";

    private string StateKey(string stateName) => $"{providerName}/{stateName}";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StateKey(stateName);
        var id = grainId.ToString();
        var row = await database.ReadAsync(session =>
        {
            var command = session.Command(SelectRow);
            command.Parameters.AddWithValue("$s", key);
            command.Parameters.AddWithValue("$g", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? (Etag: reader.GetString(0), Payload: reader.GetString(1)) : default;
        });

        if (row.Etag is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = row.Etag;
        var json = keys.Open(row.Payload, StorageContexts.GrainState(providerName, stateName, id));
        grainState.State = JsonSerializer.Deserialize<T>(json, Json) ?? Activator.CreateInstance<T>();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StateKey(stateName);
        var id = grainId.ToString();
        var oldEtag = grainState.ETag;
        var newEtag = Guid.NewGuid().ToString("N");
        var payload = keys.Seal(JsonSerializer.Serialize(grainState.State, Json), StorageContexts.GrainState(providerName, stateName, id));
        var at = timeProvider.GetUtcNow().ToString("O");
        await database.WriteAsync(session =>
        {
            var command = session.Command(oldEtag is null
                ? """
                  INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at)
                  VALUES ($s, $g, $new, $p, $at) ON CONFLICT DO NOTHING
                  """
                : """
                  UPDATE grain_state SET etag = $new, payload = $p, updated_at = $at
                  WHERE state_name = $s AND grain_id = $g AND etag = $old
                  """);
            if (oldEtag is not null) command.Parameters.AddWithValue("$old", oldEtag);
            command.Parameters.AddWithValue("$s", key);
            command.Parameters.AddWithValue("$g", id);
            command.Parameters.AddWithValue("$new", newEtag);
            command.Parameters.AddWithValue("$p", payload);
            command.Parameters.AddWithValue("$at", at);
            if (command.ExecuteNonQuery() != 1)
                throw new InconsistentStateException($"Write of '{stateName}' for {grainId} rejected: the stored version changed.",
                    StoredEtag(session, key, id) ?? "(none)", oldEtag ?? "(none)");
        });

        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StateKey(stateName);
        var id = grainId.ToString();
        var oldEtag = grainState.ETag;
        await database.WriteAsync(session =>
        {
            if (oldEtag is null)
            {
                if (StoredEtag(session, key, id) is { } stored)
                    throw new InconsistentStateException($"Clear of '{stateName}' for {grainId} rejected: a newer version exists.", stored, "(none)");
                return;
            }

            var command = session.Command("DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND etag = $old");
            command.Parameters.AddWithValue("$s", key);
            command.Parameters.AddWithValue("$g", id);
            command.Parameters.AddWithValue("$old", oldEtag);
            if (command.ExecuteNonQuery() != 1)
                throw new InconsistentStateException($"Clear of '{stateName}' for {grainId} rejected: the stored version changed.",
                    StoredEtag(session, key, id) ?? "(none)", oldEtag);
        });

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private static string? StoredEtag(SqliteSession session, string key, string id)
    {
        var command = session.Command(SelectEtag);
        command.Parameters.AddWithValue("$s", key);
        command.Parameters.AddWithValue("$g", id);
        return command.ExecuteScalar() as string;
    }
}
