using System.Text.Json;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Integrations;

/// <summary>
/// A client's call log: one hash-chained record per call in the audit log stream "integration:{clientId}", the client as
/// actor ("integration:{clientId}", its name, no role). The record holds the method, the route pattern, the status, the
/// idempotency key and why a call was refused: never a body, a URL's values or anything about a student. Non-reentrant:
/// the one writer of its stream, so sequences stay continuous. No state of its own: the log is the truth.
/// </summary>
public sealed class IntegrationCallsGrain(IAuditLog auditLog, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    : Grain, IIntegrationCallsGrain
{
    public const int MaxTake = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string StreamOf(string clientId) => AuditAnchors.IntegrationChain(clientId);

    private AuditStream? _trail;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _trail = new AuditStream(auditLog, StreamOf(this.GetPrimaryKeyString()));
        await _trail.OpenAsync(null);
    }

    public async Task RecordAsync(IntegrationCall call, string clientName)
    {
        var actor = new Actor($"integration:{this.GetPrimaryKeyString()}", clientName, null);
        _trail!.Add(time.GetUtcNow(), actor, AuditActions.IntegrationCalled, null, JsonSerializer.Serialize(call, Json));
        try
        {
            await _trail.AppendAsync();
        }
        catch
        {
            // As a read log: the record must not linger in memory when the append failed; the next activation starts from the log.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The newest calls only (a busy client's chain is long): the anchors and the verification check the whole chain.</summary>
    public async Task<IntegrationCallLog> ListAsync(int take)
    {
        take = Math.Clamp(take, 1, MaxTake);
        var total = _trail!.Head?.Sequence ?? 0;
        var records = total == 0 ? [] : await auditLog.ReadAsync(_trail.Name, Math.Max(1, total - take + 1), take);
        var calls = records.Reverse().Select(r => (Record: r, Call: r.After is { } after ? JsonSerializer.Deserialize<IntegrationCall>(after, Json) : null))
            .Select(x => new IntegrationCallEntry(x.Record.Sequence, x.Record.At, x.Record.ActorId, x.Call?.Method ?? "", x.Call?.Route ?? "",
                x.Call?.Status ?? 0, x.Call?.IdempotencyKey, x.Call?.Refusal));
        return new IntegrationCallLog(this.GetPrimaryKeyString(), [.. calls], total);
    }
}
