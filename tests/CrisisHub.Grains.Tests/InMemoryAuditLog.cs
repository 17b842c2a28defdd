using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// The in-memory cluster's audit log: a list per stream, keeping the promises of the SQLite and Redis logs (the
/// same contract suite runs against it). Shared by both silos, so every operation holds the stream's lock.
/// </summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Dictionary<string, List<AuditRecord>> _streams = [];

    public Task AppendAsync(string stream, IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        lock (_streams)
        {
            var stored = Stream(stream);
            var first = records[0].Sequence;
            for (var i = 0; i < records.Count; i++)
            {
                if (records[i].Sequence != first + i) throw new AuditLogConflictException($"Audit stream {stream}: the records to append are not consecutive.");
                // Check all before storing any, so a refused append leaves the stream as it was.
                if (records[i].Sequence <= stored.Count && stored[(int)records[i].Sequence - 1].Hash != records[i].Hash)
                    throw new AuditLogConflictException($"Audit stream {stream} holds a different record {records[i].Sequence}.");
            }

            if (first > stored.Count + 1) throw new AuditLogConflictException($"Audit stream {stream} ends at {stored.Count}; record {first} would leave a gap.");
            stored.AddRange(records.Where(r => r.Sequence > stored.Count));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(string stream, long fromSequence = 1, int take = int.MaxValue)
    {
        lock (_streams)
        {
            return Task.FromResult<IReadOnlyList<AuditRecord>>([.. Stream(stream).Where(r => r.Sequence >= fromSequence).Take(take)]);
        }
    }

    public Task<int> RedactAsync(string stream, Func<AuditRecord, AuditRecord> redact)
    {
        lock (_streams)
        {
            var stored = Stream(stream);
            var changed = 0;
            for (var i = 0; i < stored.Count; i++)
            {
                if (redact(stored[i]) is var blanked && blanked == stored[i]) continue;
                stored[i] = blanked;
                changed++;
            }

            return Task.FromResult(changed);
        }
    }

    public Task<AuditRecord?> LastAsync(string stream)
    {
        lock (_streams)
        {
            return Task.FromResult(Stream(stream).LastOrDefault());
        }
    }

    public Task<IReadOnlyList<string>> StreamsAsync(string prefix)
    {
        lock (_streams)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                [.. _streams.Where(s => s.Value.Count > 0 && s.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s.Key).Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>Removes a stream's records from <paramref name="fromSequence"/> on, as someone with access to the storage could.</summary>
    public void Truncate(string stream, long fromSequence)
    {
        lock (_streams)
        {
            var stored = Stream(stream);
            stored.RemoveRange((int)fromSequence - 1, stored.Count - (int)fromSequence + 1);
        }
    }

    /// <summary>Rewrites a stored record, as someone with access to the storage could: for tests of verification.</summary>
    public void Tamper(string stream, long sequence, Func<AuditRecord, AuditRecord> alter)
    {
        lock (_streams)
        {
            var stored = Stream(stream);
            stored[(int)sequence - 1] = alter(stored[(int)sequence - 1]);
        }
    }

    private List<AuditRecord> Stream(string stream) =>
        _streams.TryGetValue(stream, out var stored) ? stored : _streams[stream] = [];
}
