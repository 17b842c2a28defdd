using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Privacy;

/// <summary>
/// Which fields of the stored records are sensitive, sealed the same way by every store. An audit record's before and
/// after may hold notes, names and safety-plan text; its ids, times, action and hashes stay readable, because the stores
/// check a retried append by its hash and an operator must be able to see a chain's shape. The hash chain is computed
/// over the plaintext record (AuditChain), so opening a record gives back exactly what was hashed.
/// </summary>
public static class StoredRecordSealing
{
    public static AuditRecord SealFields(this StorageKeyRing ring, string stream, AuditRecord record) => record with
    {
        Before = ring.Seal(record.Before, StorageContexts.AuditField(stream, record.Sequence, "before")),
        After = ring.Seal(record.After, StorageContexts.AuditField(stream, record.Sequence, "after")),
    };

    public static AuditRecord OpenFields(this StorageKeyRing ring, string stream, AuditRecord record) => record with
    {
        Before = ring.Open(record.Before, StorageContexts.AuditField(stream, record.Sequence, "before")),
        After = ring.Open(record.After, StorageContexts.AuditField(stream, record.Sequence, "after")),
    };

    /// <summary>A text's phone number and body are sealed; its ids and time stay readable (look-ups and the kept window use them).</summary>
    public static LocalText SealFields(this StorageKeyRing ring, LocalText text) => text with
    {
        To = ring.Seal(text.To, StorageContexts.OutboxField(text.Sid, "to")),
        Body = ring.Seal(text.Body, StorageContexts.OutboxField(text.Sid, "body")),
    };

    public static LocalText OpenFields(this StorageKeyRing ring, LocalText text) => text with
    {
        To = ring.Open(text.To, StorageContexts.OutboxField(text.Sid, "to")),
        Body = ring.Open(text.Body, StorageContexts.OutboxField(text.Sid, "body")),
    };
}
