using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// A student's read log: one record per read, chained like a case's trail and appended to <see cref="IAuditLog"/>.
/// It has its own stream (not the student's grain) so a thousand reads never queue behind a flag being submitted.
/// Non-reentrant: the one writer of its stream, so sequences stay continuous.
/// </summary>
public sealed class PersonalDataReadsGrain(IAuditLog auditLog, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : Grain, IPersonalDataReadsGrain
{
    public static string StreamOf(string studentId) => AuditAnchors.ReadsPrefix + studentId;

    private AuditStream? _trail;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _trail = new AuditStream(auditLog, StreamOf(this.GetPrimaryKeyString()));
        await _trail.OpenAsync(null);
    }

    public async Task RecordAsync(PersonalDataRead read)
    {
        _trail!.Add(time.GetUtcNow(), read.Reader, read.Kind.ToString(), null, read.Target);
        try
        {
            await _trail.AppendAsync();
        }
        catch
        {
            // Another activation wrote to the stream (a cluster change), or the log failed: the read was not served, so
            // its record must not linger in memory; the next activation starts again from the log's head.
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<PersonalDataReadLog> ListAsync(int take)
    {
        var records = await _trail!.ReadAllAsync();
        var verification = AuditChain.Verify(records, _trail.Head);
        var newest = records.Reverse().Take(Math.Clamp(take, 1, 1000))
            .Select(r => new PersonalDataReadEntry(r.Sequence, r.At, r.ActorId, r.ActorRole, r.Action, r.After ?? ""));
        return new PersonalDataReadLog(this.GetPrimaryKeyString(), [.. newest], records.Count, verification);
    }
}
