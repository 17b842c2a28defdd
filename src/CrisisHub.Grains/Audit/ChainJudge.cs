using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// A chain as it is stored now: whether it links (its own verification), where it ends, and the hash of its record at
/// a sequence (null when it has no such record). Case chains and a district's admin chain are read differently and
/// judged alike.
/// </summary>
public sealed record ChainReading(string Chain, AuditVerification Verification, long LastSequence, Func<long, string?> HashAt)
{
    public static ChainReading Of(string chain, IReadOnlyList<AuditRecord> records) => new(chain, AuditChain.Verify(records),
        records.Count == 0 ? 0 : records[^1].Sequence,
        sequence => sequence >= 1 && sequence <= records.Count && records[(int)sequence - 1].Sequence == sequence ? records[(int)sequence - 1].Hash : null);
}

/// <summary>
/// Judges a chain against the anchors that mention it. A forged anchor comes first (nothing it says can be relied on),
/// then the chain's own links, then every trustworthy anchored head: the chain must reach it and hold the anchored record
/// there. Every anchored head is checked, not only the newest, so an older signed anchor still catches a rewrite that
/// re-hashed everything after it.
/// </summary>
public static class ChainJudge
{
    public static ChainVerdict Judge(ChainReading chain, IReadOnlyList<AnchorMention> mentions)
    {
        var trusted = mentions.Where(m => m.Trusted).OrderByDescending(m => m.Sequence).ToList();
        long? anchored = trusted.Count == 0 ? null : trusted[0].Sequence;
        var anchoredAtAll = mentions.Count > 0;

        if (mentions.FirstOrDefault(m => !m.Trusted) is { } forged)
            return Verdict(ChainStatus.AnchorForged, forged.Problem);
        if (!chain.Verification.Intact)
            return Verdict(ChainStatus.Broken, chain.Verification.Problem);
        foreach (var head in trusted)
        {
            if (chain.LastSequence < head.Sequence)
                return Verdict(ChainStatus.Truncated,
                    $"the chain ends at record {chain.LastSequence}, but anchor {head.AnchorSequence} recorded record {head.Sequence}: records were removed from its end");
            if (chain.HashAt(head.Sequence) != head.Hash)
                return Verdict(ChainStatus.Rewritten,
                    $"record {head.Sequence} is not the one anchor {head.AnchorSequence} recorded: the chain was rewritten from there on");
        }

        return Verdict(ChainStatus.Intact, null);

        ChainVerdict Verdict(ChainStatus status, string? problem) =>
            new(chain.Chain, status, anchoredAtAll, anchored, chain.LastSequence, problem);
    }
}
