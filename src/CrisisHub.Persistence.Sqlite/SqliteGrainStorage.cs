using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace CrisisHub.Persistence.Sqlite;

/// <summary>
/// Orleans grain storage in the local database. State is stored as JSON text so that an operator can
/// read it with the sqlite3 shell; ETags are opaque version strings compared on every write, so a
/// stale activation (for example one left over from a crash) can never overwrite newer state.
/// </summary>
public sealed class SqliteGrainStorage(string providerName, SqliteDatabase database, TimeProvider timeProvider) : IGrainStorage
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
    };

    private string StateKey(string stateName) => $"{providerName}/{stateName}";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE state_name = $s AND grain_id = $g";
        command.Parameters.AddWithValue("$s", StateKey(stateName));
        command.Parameters.AddWithValue("$g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetString(0);
        grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), Json) ?? Activator.CreateInstance<T>();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var newEtag = Guid.NewGuid().ToString("N");
        var payload = JsonSerializer.Serialize(grainState.State, Json);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        if (grainState.ETag is null)
        {
            command.CommandText = """
                INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at)
                VALUES ($s, $g, $new, $p, $at) ON CONFLICT DO NOTHING
                """;
        }
        else
        {
            command.CommandText = """
                UPDATE grain_state SET etag = $new, payload = $p, updated_at = $at
                WHERE state_name = $s AND grain_id = $g AND etag = $old
                """;
            command.Parameters.AddWithValue("$old", grainState.ETag);
        }

        command.Parameters.AddWithValue("$s", StateKey(stateName));
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$new", newEtag);
        command.Parameters.AddWithValue("$p", payload);
        command.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O"));
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            var stored = await ReadEtagAsync(connection, stateName, grainId);
            throw new InconsistentStateException(
                $"Write of '{stateName}' for {grainId} rejected: the stored version changed.", stored ?? "(none)", grainState.ETag ?? "(none)");
        }

        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        if (grainState.ETag is not null)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM grain_state WHERE state_name = $s AND grain_id = $g AND etag = $old";
            command.Parameters.AddWithValue("$s", StateKey(stateName));
            command.Parameters.AddWithValue("$g", grainId.ToString());
            command.Parameters.AddWithValue("$old", grainState.ETag);
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                var stored = await ReadEtagAsync(connection, stateName, grainId);
                throw new InconsistentStateException(
                    $"Clear of '{stateName}' for {grainId} rejected: the stored version changed.", stored ?? "(none)", grainState.ETag);
            }
        }
        else if (await ReadEtagAsync(connection, stateName, grainId) is { } stored)
        {
            throw new InconsistentStateException(
                $"Clear of '{stateName}' for {grainId} rejected: a newer version exists.", stored, "(none)");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<string?> ReadEtagAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE state_name = $s AND grain_id = $g";
        command.Parameters.AddWithValue("$s", StateKey(stateName));
        command.Parameters.AddWithValue("$g", grainId.ToString());
        return await command.ExecuteScalarAsync() as string;
    }
}
