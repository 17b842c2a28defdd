using CrisisHub.Contracts.Audit;
using CrisisHub.Server.Identity;

namespace CrisisHub.Server.Privacy;

/// <summary>
/// A case's audit trail as a role reads it. Its records hold codes and ids, but a referral's reason (a decline, a
/// cancellation) is free text: duty officers and district staff get each record without its before/after, and the
/// server's verification of the whole chain.
/// </summary>
public static class AuditTrailShapes
{
    public static object For(CurrentUser user, AuditTrail trail) => CaseShapes.Of(user.Role) == CaseShape.Oversight
        ? new OversightAuditTrail(trail.CaseId,
            [.. trail.Records.Select(r => new OversightAuditRecord(r.Sequence, r.At, r.ActorId, r.ActorRole, r.Action, r.Step, r.Hash))],
            trail.Verification)
        : trail;
}

public sealed record OversightAuditTrail(string CaseId, OversightAuditRecord[] Records, AuditVerification Verification);

public sealed record OversightAuditRecord(long Sequence, DateTimeOffset At, string ActorId, string ActorRole, string Action, AuditStep? Step, string Hash);
