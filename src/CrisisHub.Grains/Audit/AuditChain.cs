using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// Builds and checks the hash chain of a case's audit trail. Each field is length-prefixed before
/// hashing so that moving text from one field to its neighbour cannot produce the same hash. A record's
/// structured step is hashed only when it has one: records written before steps were recorded hash exactly as
/// they did, so old chains still verify. Records made now carry a digest of their before and after and are hashed over
/// it, so their payload can be blanked by retention (<see cref="Redact"/>) without breaking the chain; records made
/// before digests existed are hashed over their text, and keep it.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static AuditRecord Append(List<AuditRecord> trail, DateTimeOffset at, Actor actor, string action, string? before, string? after,
        AuditStep? step = null)
    {
        var record = Next(trail.Count == 0 ? null : AuditHead.Of(trail[^1]), at, actor, action, before, after, step);
        trail.Add(record);
        return record;
    }

    /// <summary>The record that continues a chain ending at <paramref name="head"/> (a new chain when null).</summary>
    public static AuditRecord Next(AuditHead? head, DateTimeOffset at, Actor actor, string action, string? before, string? after,
        AuditStep? step = null)
    {
        var previous = head?.Hash ?? GenesisHash;
        var sequence = (head?.Sequence ?? 0) + 1;
        var role = actor.Role?.ToString() ?? "System";
        var digest = PayloadDigestOf(before, after);
        return new AuditRecord(sequence, at, actor.ActorId, role, action, before, after, previous,
            ComputeHash(sequence, at, actor.ActorId, role, action, before, after, previous, step, digest), step, digest);
    }

    /// <summary>The record with its before and after blanked, its digest and hash kept; records without a digest stay as they are.</summary>
    public static AuditRecord Redact(AuditRecord record) =>
        record.PayloadDigest is null || record.Redacted ? record : record with { Before = null, After = null, Redacted = true };

    private static string PayloadDigestOf(string? before, string? after) => HashFields([before, after]);

    public static AuditVerification Verify(IReadOnlyList<AuditRecord> trail)
    {
        var previous = GenesisHash;
        for (var i = 0; i < trail.Count; i++)
        {
            var r = trail[i];
            if (r.Sequence != i + 1)
                return Broken(trail.Count, r.Sequence, $"record {i + 1} carries sequence {r.Sequence}: a record was removed or reordered");
            if (r.PreviousHash != previous)
                return Broken(trail.Count, r.Sequence, $"record {r.Sequence} does not link to the hash of record {r.Sequence - 1}");
            if (r.PayloadDigest is { } digest && (r.Redacted ? r.Before is not null || r.After is not null : PayloadDigestOf(r.Before, r.After) != digest))
                return Broken(trail.Count, r.Sequence, $"record {r.Sequence}'s before or after was altered after it was written");
            var expected = ComputeHash(r.Sequence, r.At, r.ActorId, r.ActorRole, r.Action, r.Before, r.After, r.PreviousHash, r.Step, r.PayloadDigest);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(r.Hash)))
                return Broken(trail.Count, r.Sequence, $"record {r.Sequence} was altered after it was written");
            previous = r.Hash;
        }

        return new AuditVerification(true, trail.Count, null, null);
    }

    /// <summary>
    /// As <see cref="Verify(IReadOnlyList{AuditRecord})"/>, and the chain must end where its owner says it does: records cut
    /// off the end of a log would otherwise leave a shorter chain that still links.
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditRecord> trail, AuditHead? head)
    {
        var verification = Verify(trail);
        if (!verification.Intact || head is null) return verification;
        var last = trail.Count == 0 ? null : trail[^1];
        return last?.Sequence == head.Sequence && last.Hash == head.Hash
            ? verification
            : Broken(trail.Count, head.Sequence, $"the log ends at record {last?.Sequence ?? 0}, but the chain's head is record {head.Sequence}: records were removed from its end");
    }

    private static AuditVerification Broken(int count, long sequence, string problem) => new(false, count, sequence, problem);

    /// <summary>With a payload digest the digest stands in for the before and after (behind a marker no text can fake).</summary>
    private static string ComputeHash(long sequence, DateTimeOffset at, string actorId, string role, string action,
        string? before, string? after, string previous, AuditStep? step, string? payloadDigest)
    {
        string?[] fields = payloadDigest is null
            ? [sequence.ToString(), at.UtcTicks.ToString(), actorId, role, action, before, after, previous, .. StepFields(step)]
            : [sequence.ToString(), at.UtcTicks.ToString(), actorId, role, action, null, "payload:" + payloadDigest, previous, .. StepFields(step)];
        return HashFields(fields);
    }

    /// <summary>SHA-256 over length-prefixed fields: shared with the admin audit chain so both chains hash alike.</summary>
    internal static string HashFields(IEnumerable<string?> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            // A null field and an empty field must hash differently.
            text.Append(field is null ? "-1" : field.Length.ToString()).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>No fields at all without a step (the pre-step hash); with one, a marker and each of its values.</summary>
    private static string?[] StepFields(AuditStep? step) => step is null
        ? []
        : ["step", step.StepIndex.ToString(CultureInfo.InvariantCulture), step.Round.ToString(CultureInfo.InvariantCulture),
            step.StepCount.ToString(CultureInfo.InvariantCulture), string.Join('+', step.Levels ?? []), step.Deadline?.UtcTicks.ToString(CultureInfo.InvariantCulture)];
}
