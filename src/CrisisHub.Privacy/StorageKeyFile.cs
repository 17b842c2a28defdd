using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrisisHub.Privacy;

/// <summary>
/// The key ring as a file: <c>{ "current": "2026-11-23", "keys": [ { "id": "2026-11-23", "key": "&lt;base64 of 32 bytes&gt;" } ] }</c>.
/// Kept outside the database so that a copy of the database (a backup, a stolen disk image of it alone) is no copy of the
/// data. The file is the server account's alone (0600); it is written whole beside its final name and moved there, so a
/// reader never sees half a key file.
/// </summary>
public static class StorageKeyFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static StorageKeyRing Read(string path)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The storage key file {path} is not valid JSON: {exception.Message}", exception);
        }

        if (document?.Keys is not { Count: > 0 } keys) throw new InvalidDataException($"The storage key file {path} holds no keys.");
        try
        {
            var ring = keys.Select(k => StorageKey.FromBase64(k.Id ?? "", k.Key)).ToList();
            return new StorageKeyRing(ring, document.Current ?? (ring.Count == 1 ? ring[0].Id : ""));
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The storage key file {path}: {exception.Message}", exception);
        }
    }

    /// <summary>Writes a new key file; false (and nothing written) when one exists already, e.g. made by a server starting at the same moment.</summary>
    public static bool TryCreate(string path, StorageKeyRing ring)
    {
        var document = new Document(ring.CurrentKeyId, [.. ring.Keys.Select(k => new Entry(k.Id, k.ToBase64()))]);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(file, document, Json);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private sealed record Document(
        [property: JsonPropertyName("current")] string? Current,
        [property: JsonPropertyName("keys")] List<Entry>? Keys);

    private sealed record Entry(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("key")] string? Key);
}
