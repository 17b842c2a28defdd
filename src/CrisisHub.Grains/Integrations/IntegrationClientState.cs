using CrisisHub.Contracts.Integrations;

namespace CrisisHub.Grains.Integrations;

/// <summary>
/// A client's record. Keys are kept as SHA-256 hashes only. The signing secret must be kept itself (the server recomputes
/// the client's HMAC with it); it lives here, in grain state, which CrisisHub.Privacy seals at rest when a storage key is
/// configured (as it is by default: the data folder's key file), like every other grain state.
/// </summary>
[GenerateSerializer, Alias("CrisisHub.IntegrationClientState")]
public sealed class IntegrationClientState
{
    [Id(0)] public string? DistrictId { get; set; }
    [Id(1)] public IntegrationClientRegistration? Registration { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public string CreatedBy { get; set; } = "";
    [Id(4)] public List<IntegrationKey> Keys { get; set; } = [];
    [Id(5)] public int KeysIssued { get; set; }
    [Id(6)] public DateTimeOffset? RevokedAt { get; set; }
    [Id(7)] public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>One key: its id ("k1", "k2", …), the hash of the key, its signing secret, and until when it works (null: the current key).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationKey")]
public sealed record IntegrationKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string KeyHash,
    [property: Id(2)] string SigningSecret,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt)
{
    public bool WorksAt(DateTimeOffset now) => ExpiresAt is not { } end || now < end;
}

/// <summary>The decisions about a presented key, as plain functions of the client's record and the time.</summary>
public static class IntegrationKeyJudge
{
    public static IntegrationKeyOutcome Judge(IntegrationClientState client, string keyHash, IntegrationSignedRequest? signed, DateTimeOffset now)
    {
        var key = client.Keys.FirstOrDefault(k => IntegrationKeys.SameHash(k.KeyHash, keyHash));
        if (key is null) return IntegrationKeyOutcome.UnknownKey;
        if (client.RevokedAt is not null) return IntegrationKeyOutcome.Revoked;
        if (!key.WorksAt(now)) return IntegrationKeyOutcome.KeyExpired;
        if (signed is null)
            return client.Registration!.SignatureRequired ? IntegrationKeyOutcome.SignatureRequired : IntegrationKeyOutcome.Accepted;
        if (!IntegrationSignature.WithinWindow(signed.Timestamp, now)) return IntegrationKeyOutcome.TimestampOutOfWindow;
        // The canonical string must begin with the timestamp that was checked: it is the one the client signed.
        if (!signed.Canonical.StartsWith($"{signed.Timestamp}.", StringComparison.Ordinal)) return IntegrationKeyOutcome.SignatureMismatch;
        return IntegrationSignature.Matches(key.SigningSecret, signed.Canonical, signed.Signature)
            ? IntegrationKeyOutcome.Accepted
            : IntegrationKeyOutcome.SignatureMismatch;
    }

    /// <summary>
    /// The keys after a rotation: every key that still works, the current one now ending at <paramref name="overlapEnd"/>
    /// (one already ending sooner keeps its end), and the new key. Keys that no longer work are dropped.
    /// </summary>
    public static List<IntegrationKey> Rotate(IEnumerable<IntegrationKey> keys, IntegrationKey fresh, DateTimeOffset now, DateTimeOffset overlapEnd) =>
    [
        .. keys.Where(k => k.WorksAt(now)).Select(k => k with { ExpiresAt = k.ExpiresAt is { } end && end < overlapEnd ? end : overlapEnd })
            .Where(k => k.WorksAt(now)),
        fresh,
    ];
}
