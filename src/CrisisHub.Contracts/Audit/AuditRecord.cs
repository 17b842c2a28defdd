namespace CrisisHub.Contracts.Audit;

/// <summary>
/// One link of a case's hash chain: Hash = SHA-256 over the previous hash and every other field, so
/// altering, removing or reordering any record breaks every hash after it. <see cref="Step"/> came later: it is
/// optional and hashed only when present, so records written before it existed still verify.
/// <see cref="PayloadDigest"/> came later still: a record that has one is hashed over the digest of its before and
/// after rather than over their text, so retention can blank them (<see cref="Redacted"/>) and the chain still verifies.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AuditRecord")]
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    string ActorRole,
    string Action,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash,
    AuditStep? Step = null,
    string? PayloadDigest = null,
    bool Redacted = false);

[GenerateSerializer, Immutable]
public sealed record AuditVerification(bool Intact, int RecordCount, long? FirstBrokenSequence, string? Problem);

[GenerateSerializer, Immutable]
public sealed record AuditTrail(string CaseId, AuditRecord[] Records, AuditVerification Verification);
