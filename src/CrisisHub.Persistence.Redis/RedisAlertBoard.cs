using System.Text.Json;
using CrisisHub.Contracts.Wallboard;
using StackExchange.Redis;

namespace CrisisHub.Persistence.Redis;

/// <summary>
/// The open-alert boards in cluster mode: a hash per scope (case id → summary JSON), so a case change sets or
/// deletes one field instead of rewriting a growing value, and a small hash per case holding its version and
/// the scopes it is on. One Lua script applies a change atomically and ignores one older than what is stored.
/// </summary>
public sealed class RedisAlertBoard(IConnectionMultiplexer redis, string keyPrefix = "crisishub:board:") : IAlertBoard
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // KEYS[1]: the case's hash. ARGV: key prefix, case id, version, summary JSON, then the scopes it is open at.
    private const string ApplyScript = """
        local stored = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
        local version = tonumber(ARGV[3])
        if stored >= version then return 0 end
        local open = {}
        for i = 5, #ARGV do open[ARGV[i]] = true end
        local previous = redis.call('HGET', KEYS[1], 'scopes')
        if previous then
          for scope in string.gmatch(previous, '[^\n]+') do
            if not open[scope] then redis.call('HDEL', ARGV[1] .. 'scope:' .. scope, ARGV[2]) end
          end
        end
        local scopes = {}
        for i = 5, #ARGV do
          redis.call('HSET', ARGV[1] .. 'scope:' .. ARGV[i], ARGV[2], ARGV[4])
          scopes[#scopes + 1] = ARGV[i]
          -- The wallboards are listed, so the open-case count reads them without scanning the keyspace.
          if string.sub(ARGV[i], 1, 5) == 'wall:' then redis.call('SADD', ARGV[1] .. 'walls', ARGV[i]) end
        end
        -- Kept after the case leaves every board (no scopes), so a late retry of an older change stays ignored.
        redis.call('HSET', KEYS[1], 'version', version, 'scopes', table.concat(scopes, '\n'))
        return 1
        """;

    private RedisKey CaseKey(string caseId) => $"{keyPrefix}case:{caseId}";

    private RedisKey ScopeKey(string scope) => $"{keyPrefix}scope:{scope}";

    public async Task ApplyAsync(AlertSummary summary, long version, IReadOnlyCollection<string> openScopes)
    {
        var database = redis.GetDatabase();
        RedisValue[] arguments = [keyPrefix, summary.CaseId, version, JsonSerializer.Serialize(summary, Json), .. openScopes.Distinct().Select(s => (RedisValue)s)];
        await database.ScriptEvaluateAsync(ApplyScript, [CaseKey(summary.CaseId)], arguments);
    }

    public async Task<IReadOnlyList<string>> CaseIdsAsync()
    {
        var database = redis.GetDatabase();
        var prefix = $"{keyPrefix}case:";
        var ids = new List<string>();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(database.Database, $"{prefix}*"))
            {
                // A case taken off every board keeps its hash (its version) with no scopes.
                if ((await database.HashGetAsync(key, "scopes")).ToString() is { Length: > 0 }) ids.Add(key.ToString()[prefix.Length..]);
            }
        }

        return ids;
    }

    public async Task<BoardCount[]> OpenByGradeAsync()
    {
        var database = redis.GetDatabase();
        var entries = new List<(string Scope, AlertSummary Summary)>();
        // The wallboards ever written (one per school and district), listed by the apply script. Boards written by an earlier
        // version are not listed yet: they are found once, by scanning, and listed.
        RedisKey walls = $"{keyPrefix}walls";
        if (!await database.KeyExistsAsync(walls))
        {
            var prefix = $"{keyPrefix}scope:";
            foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
                await foreach (var key in server.KeysAsync(database.Database, $"{prefix}{BoardScope.WallPrefix}*"))
                    await database.SetAddAsync(walls, key.ToString()[prefix.Length..]);
        }

        foreach (var wall in await database.SetMembersAsync(walls))
        {
            var scope = wall.ToString();
            if (!BoardScope.IsRealWall(scope)) continue;
            foreach (var value in await database.HashValuesAsync(ScopeKey(scope)))
                entries.Add((scope, JsonSerializer.Deserialize<AlertSummary>(value.ToString(), Json)!));
        }

        return AlertBoardOrder.OpenByGrade(entries);
    }

    public async Task<AlertBoardPage> ReadAsync(IReadOnlyCollection<string> scopes, int skip, int take)
    {
        var database = redis.GetDatabase();
        var entries = await Task.WhenAll(scopes.Distinct().Select(scope => database.HashGetAllAsync(ScopeKey(scope))));
        var open = new Dictionary<string, AlertSummary>(StringComparer.Ordinal);
        foreach (var entry in entries.SelectMany(e => e))
            open.TryAdd(entry.Name!, JsonSerializer.Deserialize<AlertSummary>(entry.Value.ToString(), Json)!);
        return AlertBoardOrder.Page(open.Values, skip, take);
    }
}
