using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Privacy;
using StackExchange.Redis;

namespace CrisisHub.Persistence.Redis;

/// <summary>
/// The audit log in cluster mode: a Redis list per stream, record n at index n-1. One Lua script checks and
/// appends, so two nodes racing on a stream cannot both extend it, and a retried append is recognised by its
/// hashes. With appendfsync always (deploy/), a record is on disk when the append completes. A record's before and after
/// are sealed with the storage key ring (StoredRecordSealing); the hash each item starts with is the plaintext record's.
/// </summary>
public sealed class RedisAuditLog(IConnectionMultiplexer redis, StorageKeyRing keys, string keyPrefix = "crisishub:audit:") : IAuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // ARGV: first sequence, then per record its hash and its JSON. Stored items are "hash\nJSON", so a retry
    // is recognised by comparing hashes. Returns 0 when appended (or already there), or an error text.
    private const string AppendScript = """
        local length = redis.call('LLEN', KEYS[1])
        local first = tonumber(ARGV[1])
        if first > length + 1 then return 'gap: the stream ends at ' .. length end
        local count = (#ARGV - 1) / 2
        -- Check every record before storing any, so a refused append leaves the stream as it was.
        for i = 0, count - 1 do
          local index = first + i - 1
          if index < length then
            local hash = ARGV[2 + 2 * i]
            if string.sub(redis.call('LINDEX', KEYS[1], index), 1, #hash + 1) ~= hash .. '\n' then
              return 'a different record ' .. (index + 1) .. ' is stored'
            end
          end
        end
        for i = length - first + 1, count - 1 do
          redis.call('RPUSH', KEYS[1], ARGV[2 + 2 * i] .. '\n' .. ARGV[3 + 2 * i])
        end
        return 0
        """;

    private RedisKey Key(string stream) => keyPrefix + stream;

    public async Task AppendAsync(string stream, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0) return;
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Sequence != records[0].Sequence + i)
                throw new AuditLogConflictException($"Audit stream {stream}: the records to append are not consecutive.");
        }

        var arguments = new List<RedisValue> { records[0].Sequence };
        foreach (var record in records)
        {
            arguments.Add(record.Hash);
            arguments.Add(JsonSerializer.Serialize(keys.SealFields(stream, record), Json));
        }

        var result = await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, [Key(stream)], [.. arguments]);
        if (result.Resp2Type == ResultType.BulkString || result.Resp2Type == ResultType.SimpleString)
            throw new AuditLogConflictException($"Audit stream {stream}: {result}.");
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string stream, long fromSequence = 1, int take = int.MaxValue)
    {
        var start = Math.Max(0, fromSequence - 1);
        var stop = take == int.MaxValue ? -1 : start + take - 1;
        var items = await redis.GetDatabase().ListRangeAsync(Key(stream), start, stop);
        return [.. items.Select(item => Deserialize(stream, item!))];
    }

    public async Task<AuditRecord?> LastAsync(string stream)
    {
        var item = await redis.GetDatabase().ListGetByIndexAsync(Key(stream), -1);
        return item.IsNull ? null : Deserialize(stream, item!);
    }

    /// <summary>
    /// Rewrites each changed item in place by its index (appends only push at the tail, so indexes stay put), keeping the
    /// "hash\n" it starts with.
    /// </summary>
    public async Task<int> RedactAsync(string stream, Func<AuditRecord, AuditRecord> redact)
    {
        var database = redis.GetDatabase();
        var items = await database.ListRangeAsync(Key(stream), 0, -1);
        var changed = 0;
        for (var index = 0; index < items.Length; index++)
        {
            var record = Deserialize(stream, items[index].ToString());
            if (redact(record) is var blanked && blanked == record) continue;
            await database.ListSetByIndexAsync(Key(stream), index, $"{blanked.Hash}\n{JsonSerializer.Serialize(keys.SealFields(stream, blanked), Json)}");
            changed++;
        }

        return changed;
    }

    /// <summary>
    /// SCANs every primary (a Redis Cluster spreads the lists over several) for the prefix's keys. SCAN may return a key
    /// twice, hence the distinct; the prefix is escaped, so it is matched literally.
    /// </summary>
    public async Task<IReadOnlyList<string>> StreamsAsync(string prefix)
    {
        var pattern = GlobLiteral(keyPrefix + prefix) + "*";
        var streams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1000))
                streams.Add(key.ToString()[keyPrefix.Length..]);
        }

        return [.. streams.Order(StringComparer.Ordinal)];
    }

    private static string GlobLiteral(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));

    private AuditRecord Deserialize(string stream, string item) => keys.OpenFields(stream,
        JsonSerializer.Deserialize<AuditRecord>(item[(item.IndexOf('\n') + 1)..], Json) ?? throw new InvalidDataException("An empty audit record."));
}
