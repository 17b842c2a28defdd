namespace CrisisHub.Contracts.Audit;

/// <summary>
/// One administrative change as the server reports it: who, what, to which thing, and the thing before and after
/// (as JSON, secrets left out). The audit grain stamps the time and chains it.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AdminChange")]
public sealed record AdminChange(Actor Actor, string Action, string Target, string? Before, string? After);

/// <summary>
/// One link of a district's admin audit chain. Hash = SHA-256 over the previous hash and every other field, as in a
/// case's chain, with the target hashed too. Stored in pages: property names are a contract, add, never rename.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AdminAuditRecord")]
public sealed record AdminAuditRecord(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    string ActorRole,
    string Action,
    string Target,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash);

/// <summary>The newest records (newest first) before a sequence, and the verification of the whole chain.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AdminAuditView")]
public sealed record AdminAuditView(string DistrictId, AdminAuditRecord[] Records, AuditVerification Verification, long? NextBefore);

/// <summary>
/// A district's admin audit log (keyed by district id). It keeps only a small head (last sequence and hash) and
/// appends to bounded pages, so an append rewrites one page of at most <c>PageSize</c> records, never the whole log.
/// </summary>
public interface IAdminAuditGrain : IGrainWithStringKey
{
    Task<AdminAuditRecord> AppendAsync(AdminChange change);

    /// <summary>Up to <paramref name="take"/> records with a sequence below <paramref name="before"/> (all when null).</summary>
    Task<AdminAuditView> ReadAsync(long? before, int take);
}

/// <summary>One page of a district's admin audit log, keyed "{districtId}/{pageIndex}".</summary>
public interface IAdminAuditPageGrain : IGrainWithStringKey
{
    Task AppendAsync(AdminAuditRecord record);

    /// <summary>The records as stored (re-read from storage, so a verification checks what is kept, not a cached copy).</summary>
    Task<AdminAuditRecord[]> GetAsync();
}
