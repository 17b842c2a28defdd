namespace CrisisHub.Contracts.Audit;

/// <summary>
/// Append-only storage for hash-chained audit records, one stream per chain (a case, a district's
/// administration). A record is inserted once and never rewritten, so a chain read ten thousand times costs
/// the same to extend as a new one. SQLite keeps a table of it; cluster mode a Redis list per stream.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Stores records that continue the stream: the first one's sequence is one past the stream's last.
    /// Repeating an append that is already stored (a retry after a lost answer) changes nothing; a different
    /// record at a stored sequence, or a gap, throws <see cref="AuditLogConflictException"/> and stores none of them.
    /// Completes once the records are durable.
    /// </summary>
    Task AppendAsync(string stream, IReadOnlyList<AuditRecord> records);

    /// <summary>Records from <paramref name="fromSequence"/> on, in order, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(string stream, long fromSequence = 1, int take = int.MaxValue);

    /// <summary>
    /// Retention's one exception to "never rewritten": blanks the before and after of every record of the stream that
    /// carries a payload digest, keeping the digest and the hash, so the chain still verifies. Records without a digest
    /// (hashed over their text) stay as they are. Returns how many records were blanked; a repeat blanks none.
    /// </summary>
    Task<int> RedactAsync(string stream, Func<AuditRecord, AuditRecord> redact);

    /// <summary>The stream's last record (its chain head), or null for a stream with none.</summary>
    Task<AuditRecord?> LastAsync(string stream);

    /// <summary>
    /// The names of the streams that start with <paramref name="prefix"/> and hold at least one record, in ordinal order:
    /// how the daily anchor and its verification find every case's chain without a directory of cases.
    /// </summary>
    Task<IReadOnlyList<string>> StreamsAsync(string prefix);
}

/// <summary>An append that does not continue the stream: another writer got there first, or records are missing.</summary>
/// <remarks>Serializable so a grain's caller (another silo, the web host) sees it as itself.</remarks>
[GenerateSerializer, Alias("CrisisHub.AuditLogConflictException")]
public sealed class AuditLogConflictException(string message) : Exception(message);
