using System.Text.Json;
using CrisisHub.Contracts.Sms;
using CrisisHub.Privacy;
using StackExchange.Redis;

namespace CrisisHub.Persistence.Redis;

/// <summary>
/// The local outbox in cluster mode: a capped list, newest first (one push and one trim per text), and a key per
/// message for the look-up, expiring after a day — long after any retry of a send could still ask. The phone number and
/// body are sealed with the storage key ring; the ids and the time stay readable.
/// </summary>
public sealed class RedisLocalOutbox(IConnectionMultiplexer redis, StorageKeyRing keys, string keyPrefix = "crisishub:outbox:") : ILocalOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan LookUpKept = TimeSpan.FromDays(1);

    public string KeyPrefix => keyPrefix;

    private RedisKey ListKey => $"{keyPrefix}latest";

    private RedisKey MessageKey(string messageId) => $"{keyPrefix}message:{messageId}";

    public async Task RecordAsync(LocalText text)
    {
        var json = JsonSerializer.Serialize(keys.SealFields(text), Json);
        var database = redis.GetDatabase();
        // A key per sid is the once-only guard: a repeat of the same text is not listed twice.
        if (!await database.StringSetAsync($"{keyPrefix}sid:{text.Sid}", text.MessageId, LookUpKept, When.NotExists)) return;
        var transaction = database.CreateTransaction();
        _ = transaction.StringSetAsync(MessageKey(text.MessageId), json, LookUpKept);
        _ = transaction.ListLeftPushAsync(ListKey, json);
        _ = transaction.ListTrimAsync(ListKey, 0, LocalOutbox.Kept - 1);
        await transaction.ExecuteAsync();
    }

    public async Task<LocalText[]> LatestAsync(int take) => take < 1 ? [] :
        [.. (await redis.GetDatabase().ListRangeAsync(ListKey, 0, take - 1)).Select(v => Open(v.ToString()))];

    /// <summary>The list holds at most <see cref="LocalOutbox.Kept"/> texts: each expired one is removed by its value (look-up keys expire on their own within a day).</summary>
    public async Task<int> ForgetBeforeAsync(DateTimeOffset cutoff)
    {
        var database = redis.GetDatabase();
        var forgotten = 0;
        foreach (var value in await database.ListRangeAsync(ListKey, 0, -1))
        {
            var text = JsonSerializer.Deserialize<LocalText>(value.ToString(), Json)!;
            if (text.At >= cutoff) continue;
            forgotten += (int)await database.ListRemoveAsync(ListKey, value);
            await database.KeyDeleteAsync(MessageKey(text.MessageId));
        }

        return forgotten;
    }

    public async Task<LocalText?> FindAsync(string messageId) =>
        await redis.GetDatabase().StringGetAsync(MessageKey(messageId)) is { HasValue: true } json
            ? Open(json.ToString())
            : null;

    private LocalText Open(string json) => keys.OpenFields(JsonSerializer.Deserialize<LocalText>(json, Json)!);
}
