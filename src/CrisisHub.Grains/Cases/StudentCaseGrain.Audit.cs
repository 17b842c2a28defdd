using CrisisHub.Contracts.Audit;
using CrisisHub.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The case's audit chain. Its records live in the append-only <see cref="IAuditLog"/> (stream "case:{id}"), one
/// append per command, before the state write; the case's state keeps only the chain's head. A read by a person
/// appends one record and never rewrites the case, so a case read ten thousand times is stored as small as a new one.
/// </summary>
public sealed partial class StudentCaseGrain
{
    private AuditStream? _trail;
    private AuditStream Trail => _trail ??= new AuditStream(auditLog, $"case:{this.GetPrimaryKeyString()}");

    /// <summary>
    /// Takes up the chain at the log's head. A case stored before the log existed carries its whole chain in its
    /// state: it moves to the log (a repeat after a crash half-way changes nothing, the log takes records it holds),
    /// and the case is stored once without it.
    /// </summary>
    private async Task OpenAuditAsync()
    {
        if (S.Audit.Count == 0)
        {
            await Trail.OpenAsync(S.AuditHead);
            if (Trail.Lost is { } lost && S.AuditLoss is null)
            {
                // Kept in the case for good: the head is about to move on from the shortened log.
                S.AuditLoss = lost;
                LogAuditLost(S.CaseId);
                await WriteAsync();
            }

            return;
        }

        await Trail.ImportAsync(S.Audit);
        await Trail.OpenAsync(AuditHead.Of(S.Audit[^1]));
        S.Audit.Clear();
        await WriteAsync();
    }

    public async Task<AuditTrail> ReadAuditAsync(Actor reader)
    {
        EnsureOpened();
        await RecordReadAsync(reader, AuditActions.AuditRead, null);
        var records = await Trail.ReadAllAsync();
        var verification = S.AuditLoss is { } loss
            ? new AuditVerification(false, records.Count, null, loss)
            : AuditChain.Verify(records, Trail.Head);
        return new AuditTrail(S.CaseId, [.. records], verification);
    }

    /// <summary>Chains a record of a change; it is stored by the command's <see cref="WriteAsync"/>, ahead of the change.</summary>
    private void Audit(Actor actor, string action, string? before, string? after, AuditStep? step = null)
    {
        var at = time.GetUtcNow();
        Trail.Add(at, actor, action, before, after, step);
        S.UpdatedAt = at;
    }

    /// <summary>
    /// A person read the case: one record in the log and nothing else. The head advances in memory only; the
    /// stored head catches up with the next change, and an activation takes the head from the log anyway.
    /// </summary>
    private async Task RecordReadAsync(Actor reader, string action, string? after)
    {
        Trail.Add(time.GetUtcNow(), reader, action, null, after);
        S.AuditHead = Trail.Head;
        await AppendAuditAsync();
    }

    /// <summary>
    /// The one way the case is written. The command's audit records are appended first, so a change is never
    /// stored without its record. A crash between the two leaves a record of a change that did not land; the
    /// chain still verifies (the next activation continues from the log's head) and the record tells of the attempt.
    /// The stored status is stamped from the facts in the same write.
    /// </summary>
    private async Task WriteAsync()
    {
        await AppendAuditAsync();
        S.AuditHead = Trail.Head;
        S.Status = Status;
        await state.WriteStateAsync();
    }

    private async Task AppendAuditAsync()
    {
        try
        {
            await Trail.AppendAsync();
        }
        catch (AuditLogConflictException)
        {
            // Another activation of this case extended the chain: this one is stale, and its change in memory
            // was not stored. The next call activates afresh from stored state and the log's head.
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Case {CaseId}: its audit log is shorter than the case recorded; records were removed")]
    private partial void LogAuditLost(string caseId);
}
