using System.Text.Json;
using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>One anchor's record of a chain's head; <see cref="Problem"/> is set when that anchor cannot be trusted.</summary>
public sealed record AnchorMention(long AnchorSequence, string DistrictId, long Sequence, string Hash, string? Problem)
{
    public bool Trusted => Problem is null;
}

/// <summary>
/// The anchor stream read and checked: its own hash chain, each anchor's signature, and for every chain the anchors that
/// mention it. Anchors hold only the heads that moved, so a chain's anchored heads are gathered across all of them.
/// </summary>
public sealed class AnchorLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, List<AnchorMention>> _mentions = new(StringComparer.Ordinal);

    private AnchorLedger(IReadOnlyList<AuditRecord> records, AnchorKeyRing keys)
    {
        Chain = AuditChain.Verify(records);
        Head = records.Count == 0 ? null : AuditHead.Of(records[^1]);
        var forged = new List<long>();
        foreach (var record in records)
        {
            var anchor = Deserialize(record.After);
            var problem = anchor is null ? $"anchor record {record.Sequence} cannot be read as an anchor"
                : anchor.Sequence != record.Sequence ? $"anchor {anchor.Sequence} is stored as record {record.Sequence}: it was moved or replayed"
                : keys.Problem(anchor);
            if (problem is not null) forged.Add(record.Sequence);
            if (anchor is not null && problem is null) LatestTrustedAt = anchor.At;
            Latest = new AnchorView(record.Sequence, anchor?.At ?? record.At, anchor?.KeyId ?? "", anchor?.Heads?.Length ?? 0, problem is null);
            foreach (var head in anchor?.Heads ?? [])
            {
                if (!_mentions.TryGetValue(head.Chain, out var list)) _mentions[head.Chain] = list = [];
                list.Add(new AnchorMention(record.Sequence, head.DistrictId, head.Sequence, head.Hash, problem));
            }
        }

        Forged = forged;
    }

    public static AnchorLedger Read(IReadOnlyList<AuditRecord> records, AnchorKeyRing keys) => new(records, keys);

    /// <summary>Whether the anchor stream's own chain links.</summary>
    public AuditVerification Chain { get; }

    /// <summary>The anchor stream's last record: the next anchor links to it.</summary>
    public AuditHead? Head { get; }

    /// <summary>The newest anchor, trustworthy or not.</summary>
    public AnchorView? Latest { get; private set; }

    /// <summary>When the newest anchor with a good signature was made: the daily job counts its day from it.</summary>
    public DateTimeOffset? LatestTrustedAt { get; private set; }

    /// <summary>The sequences of anchors that are unreadable, misplaced or badly signed.</summary>
    public IReadOnlyList<long> Forged { get; }

    public IReadOnlyList<AnchorMention> MentionsOf(string chain) => _mentions.TryGetValue(chain, out var list) ? list : [];

    public bool Mentions(string chain) => _mentions.ContainsKey(chain);

    /// <summary>The chains any anchor places in the district (a forged one too, so its chains are reported, not dropped).</summary>
    public IEnumerable<string> ChainsOf(string districtId) =>
        _mentions.Where(m => m.Value.Any(x => x.DistrictId == districtId)).Select(m => m.Key);

    /// <summary>Every district a trustworthy anchor placed a chain in.</summary>
    public IEnumerable<string> Districts => _mentions.Values.SelectMany(list => list.Where(m => m.Trusted).Select(m => m.DistrictId));

    /// <summary>The district trustworthy anchors place the chain in, if any anchored it.</summary>
    public string? DistrictOf(string chain) => MentionsOf(chain).LastOrDefault(m => m.Trusted)?.DistrictId;

    /// <summary>The chain's newest head as a trustworthy anchor recorded it: an unchanged head is not anchored again.</summary>
    public AnchorMention? LatestTrusted(string chain) => MentionsOf(chain).LastOrDefault(m => m.Trusted);

    public static string Serialize(AuditAnchor anchor) => JsonSerializer.Serialize(anchor, Json);

    private static AuditAnchor? Deserialize(string? json)
    {
        if (json is null) return null;
        try
        {
            return JsonSerializer.Deserialize<AuditAnchor>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
