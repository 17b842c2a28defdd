namespace CrisisHub.Contracts.Audit;

/// <summary>
/// What verification found for one chain. The names are what the API sends: never rename a member, only add.
/// </summary>
public enum ChainStatus
{
    /// <summary>The chain links, and holds every anchored head where the anchor says.</summary>
    Intact,
    /// <summary>The chain itself does not link: a record was altered, removed or reordered without re-hashing.</summary>
    Broken,
    /// <summary>The chain ends before a sequence an anchor recorded: records were cut off its end.</summary>
    Truncated,
    /// <summary>The chain links, but its record at an anchored sequence is not the anchored one: records were rewritten and re-hashed.</summary>
    Rewritten,
    /// <summary>An anchor that mentions the chain does not verify under any configured key: the anchors were tampered with.</summary>
    AnchorForged,
}

/// <summary>One chain's verdict. Ids and numbers only: never a name or the content of a record.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ChainVerdict")]
public sealed record ChainVerdict(
    [property: Id(0)] string Chain,
    [property: Id(1)] ChainStatus Status,
    [property: Id(2)] bool Anchored,
    [property: Id(3)] long? AnchoredSequence,
    [property: Id(4)] long LogSequence,
    [property: Id(5)] string? Problem);

/// <summary>How many chains had each verdict.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ChainCounts")]
public sealed record ChainCounts(
    [property: Id(0)] int Intact,
    [property: Id(1)] int Broken,
    [property: Id(2)] int Truncated,
    [property: Id(3)] int Rewritten,
    [property: Id(4)] int AnchorForged);

/// <summary>
/// Every chain of a district checked against the signed anchors. <see cref="Intact"/> is true only when every chain is
/// and the anchors' own chain links with no forged anchor. <see cref="AnchorsStale"/> says the newest trustworthy anchor
/// is more than two days old (or there is none): the daily job stopped, or anchors were removed from the end of their stream.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AuditVerificationReport")]
public sealed record AuditVerificationReport(
    [property: Id(0)] string DistrictId,
    [property: Id(1)] DateTimeOffset VerifiedAt,
    [property: Id(2)] bool Intact,
    [property: Id(3)] int ChainCount,
    [property: Id(4)] int AnchoredCount,
    [property: Id(5)] ChainCounts Counts,
    [property: Id(6)] ChainVerdict[] Problems,
    [property: Id(7)] AnchorView? LatestAnchor,
    [property: Id(8)] bool AnchorsStale,
    [property: Id(9)] AuditVerification AnchorChain,
    [property: Id(10)] long[] ForgedAnchors);

/// <summary>Verifies a district's chains (keyed by district id) against the installation's anchors.</summary>
public interface IAuditVerificationGrain : IGrainWithStringKey
{
    Task<AuditVerificationReport> VerifyAsync();
}
