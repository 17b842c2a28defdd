using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// The end of a hash chain: the last record's sequence and hash, which is all a new record needs to link on.
/// Stored in grain state by property name: add, never rename.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AuditHead")]
public sealed record AuditHead(long Sequence, string Hash)
{
    public static AuditHead Of(AuditRecord record) => new(record.Sequence, record.Hash);
}
