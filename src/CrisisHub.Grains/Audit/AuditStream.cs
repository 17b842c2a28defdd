using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// One grain's side of its chain in the <see cref="IAuditLog"/>: the head in memory and the records made since the
/// last append. The log, not the grain's state, holds the records; the grain keeps only the head. Not thread-safe:
/// it lives in one grain activation, whose turns never overlap.
/// </summary>
public sealed class AuditStream(IAuditLog log, string stream)
{
    private readonly List<AuditRecord> _unappended = [];

    public string Name => stream;

    /// <summary>The last record made, appended or not; null for a chain with none.</summary>
    public AuditHead? Head { get; private set; }

    /// <summary>
    /// Takes up the chain where the log ends (the log is the truth: reads append to it without writing the grain's
    /// state, so a stored head can lag behind), or at <paramref name="storedHead"/> when the log has nothing.
    /// </summary>
    public async Task OpenAsync(AuditHead? storedHead)
    {
        var last = await log.LastAsync(stream);
        if (storedHead is not null && (last?.Sequence ?? 0) < storedHead.Sequence)
        {
            // The stored head only lags behind the log (reads do not write it), so a log that ends before it has lost
            // records. Carry on from what the log holds, so alerts can still be acknowledged, and say so for ever.
            Lost = $"the log ends at record {last?.Sequence ?? 0} but the case had written record {storedHead.Sequence}: records were removed";
            Head = last is null ? null : AuditHead.Of(last);
            return;
        }

        Head = last is null ? storedHead : AuditHead.Of(last);
    }

    /// <summary>
    /// For a grain that needs its whole chain anyway (a student's screening results): one read of every record, the head
    /// taken from the last, instead of a read of the head and another of the records.
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> OpenWithRecordsAsync()
    {
        var records = await log.ReadAsync(stream);
        Head = records.Count == 0 ? null : AuditHead.Of(records[^1]);
        return records;
    }

    /// <summary>Set when the log was found shorter than the case's own record of it (see <see cref="OpenAsync"/>).</summary>
    public string? Lost { get; private set; }

    /// <summary>Chains a record onto the head; it reaches the log with the next <see cref="AppendAsync"/>.</summary>
    public AuditRecord Add(DateTimeOffset at, Actor actor, string action, string? before, string? after, AuditStep? step = null)
    {
        var record = AuditChain.Next(Head, at, actor, action, before, after, step);
        _unappended.Add(record);
        Head = AuditHead.Of(record);
        return record;
    }

    /// <summary>
    /// Stores the records made since the last append, in one append. They stay queued if it fails, so the next
    /// append retries them: the log takes a repeat of records it already holds.
    /// </summary>
    public async Task AppendAsync()
    {
        if (_unappended.Count == 0) return;
        await log.AppendAsync(stream, [.. _unappended]);
        _unappended.Clear();
    }

    /// <summary>Stores records written before the log existed; a repeat (a migration cut short) changes nothing.</summary>
    public Task ImportAsync(IReadOnlyList<AuditRecord> records) => log.AppendAsync(stream, records);

    public Task<IReadOnlyList<AuditRecord>> ReadAllAsync() => log.ReadAsync(stream);
}
