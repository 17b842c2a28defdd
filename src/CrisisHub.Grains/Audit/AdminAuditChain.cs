using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// Links and checks a district's admin audit chain. It hashes like a case's chain (<see cref="AuditChain"/>), with a
/// leading marker so an admin record can never pass for a case record, and with the target. It works from the last
/// sequence and hash alone, so the log can live in pages and an append never needs the records before it.
/// </summary>
public static class AdminAuditChain
{
    private const string Marker = "admin";

    public static AdminAuditRecord Link(long lastSequence, string lastHash, DateTimeOffset at, AdminChange change)
    {
        var sequence = lastSequence + 1;
        var role = change.Actor.Role?.ToString() ?? "System";
        var hash = Hash(sequence, at, change.Actor.ActorId, role, change.Action, change.Target, change.Before, change.After, lastHash);
        return new AdminAuditRecord(sequence, at, change.Actor.ActorId, role, change.Action, change.Target, change.Before, change.After, lastHash, hash);
    }

    /// <summary>
    /// Checks every record in order from the first, then that the chain ends where the head says: a removed newest
    /// record leaves every remaining hash intact, so only the head's last sequence and hash reveal it.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AdminAuditRecord> records, long headSequence, string headHash)
    {
        var previous = AuditChain.GenesisHash;
        var count = 0;
        foreach (var r in records)
        {
            count++;
            if (r.Sequence != count)
                return Broken(count, r.Sequence, $"record {count} carries sequence {r.Sequence}: a record was removed or reordered");
            if (r.PreviousHash != previous)
                return Broken(count, r.Sequence, $"record {r.Sequence} does not link to the hash of record {r.Sequence - 1}");
            var expected = Hash(r.Sequence, r.At, r.ActorId, r.ActorRole, r.Action, r.Target, r.Before, r.After, r.PreviousHash);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(r.Hash)))
                return Broken(count, r.Sequence, $"record {r.Sequence} was altered after it was written");
            previous = r.Hash;
        }

        if (count != headSequence || previous != headHash)
            return Broken(count, count + 1, $"the log ends at record {count} but {headSequence} were written: records were removed");
        return new AuditVerification(true, count, null, null);
    }

    private static AuditVerification Broken(int count, long sequence, string problem) => new(false, count, sequence, problem);

    private static string Hash(long sequence, DateTimeOffset at, string actorId, string role, string action, string target,
        string? before, string? after, string previous) =>
        AuditChain.HashFields([Marker, sequence.ToString(CultureInfo.InvariantCulture), at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            actorId, role, action, target, before, after, previous]);
}
