namespace CrisisHub.Contracts.Integrations;

/// <summary>What a district administrator admits a client with; the grain checks it (<see cref="IntegrationRules"/>).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationClientRegistration")]
public sealed record IntegrationClientRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] IntegrationClientKind Kind,
    [property: Id(2)] string[] SchoolIds,
    [property: Id(3)] IntegrationPermission[] Permissions,
    [property: Id(4)] int RateLimitPerMinute,
    [property: Id(5)] bool SignatureRequired);

/// <summary>One key of a client as listed: its id and life, never the key or its hash.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationKeyView")]
public sealed record IntegrationKeyView(
    [property: Id(0)] string KeyId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset? ExpiresAt);

/// <summary>A client as its district's administrators see it: no key, no hash, no signing secret.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationClientView")]
public sealed record IntegrationClientView(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string DistrictId,
    [property: Id(2)] string Name,
    [property: Id(3)] IntegrationClientKind Kind,
    [property: Id(4)] string[] SchoolIds,
    [property: Id(5)] IntegrationPermission[] Permissions,
    [property: Id(6)] int RateLimitPerMinute,
    [property: Id(7)] bool SignatureRequired,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string CreatedBy,
    [property: Id(10)] DateTimeOffset? LastUsedAt,
    [property: Id(11)] IntegrationKeyView[] Keys,
    [property: Id(12)] DateTimeOffset? RevokedAt);

/// <summary>
/// A new key and its signing secret: in the answer to a registration or a rotation, and nowhere else, ever. The
/// server keeps the key's hash only; <see cref="PreviousKeyExpiresAt"/> says until when the key before it still works.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationCredentials")]
public sealed record IntegrationCredentials(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string ApiKey,
    [property: Id(2)] string SigningSecret,
    [property: Id(3)] DateTimeOffset? PreviousKeyExpiresAt);

[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationClientIssued")]
public sealed record IntegrationClientIssued(
    [property: Id(0)] IntegrationClientView Client,
    [property: Id(1)] IntegrationCredentials Credentials);

/// <summary>
/// A request's signature as the server received it: the timestamp header, the canonical string it rebuilt from the
/// request (see <see cref="IntegrationSignature.Canonical"/>) and the hex digest the client sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationSignedRequest")]
public sealed record IntegrationSignedRequest(
    [property: Id(0)] long Timestamp,
    [property: Id(1)] string Canonical,
    [property: Id(2)] string Signature);

/// <summary>Why a key was refused (or that it was accepted).</summary>
public enum IntegrationKeyOutcome
{
    Accepted = 0,
    /// <summary>No key of this client has this hash (or there is no such client).</summary>
    UnknownKey = 1,
    /// <summary>A rotated-out key whose overlap window has ended.</summary>
    KeyExpired = 2,
    Revoked = 3,
    /// <summary>The client must sign every request and this one was not signed.</summary>
    SignatureRequired = 4,
    /// <summary>The timestamp is further from the server's clock than <see cref="IntegrationSignature.ReplayWindow"/>.</summary>
    TimestampOutOfWindow = 5,
    SignatureMismatch = 6,
}

/// <summary>
/// The grain's verdict on a presented key: accepted with the client, or why not. <see cref="Client"/> is set whenever
/// the key was one of the client's own (accepted, expired, revoked, badly signed): such a refusal is audited as the
/// client's; an unknown key is not (anyone could name a client id).
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationKeyCheck")]
public sealed record IntegrationKeyCheck(
    [property: Id(0)] IntegrationKeyOutcome Outcome,
    [property: Id(1)] IntegrationClientView? Client);

/// <summary>One call by a client as its audit chain holds it: no body, no URL values, nothing about a student.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationCall")]
public sealed record IntegrationCall(
    [property: Id(0)] string Method,
    [property: Id(1)] string Route,
    [property: Id(2)] int Status,
    [property: Id(3)] string? IdempotencyKey,
    [property: Id(4)] string? Refusal);

[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationCallEntry")]
public sealed record IntegrationCallEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string Method,
    [property: Id(4)] string Route,
    [property: Id(5)] int Status,
    [property: Id(6)] string? IdempotencyKey,
    [property: Id(7)] string? Refusal);

/// <summary>The newest calls of a client (newest first) and how many its chain holds.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IntegrationCallLog")]
public sealed record IntegrationCallLog(
    [property: Id(0)] string ClientId,
    [property: Id(1)] IntegrationCallEntry[] Calls,
    [property: Id(2)] long Total);

/// <summary>The clients a district admitted (keyed by district id): the list, and registration, which checks the schools.</summary>
public interface IIntegrationClientListGrain : IGrainWithStringKey
{
    /// <summary>Checks the registration (its schools must be schools of this district), creates the client and its first key.</summary>
    Task<IntegrationClientIssued> RegisterAsync(IntegrationClientRegistration registration, string registeredBy);

    Task<IntegrationClientView[]> ListAsync();
}

/// <summary>
/// One client (keyed by client id): the truth about its keys. Every request is checked here, with no cache in front, so a
/// revocation refuses the very next request on any node.
/// </summary>
public interface IIntegrationClientGrain : IGrainWithStringKey
{
    /// <summary>Called by the district's list only; refuses a second creation.</summary>
    Task<IntegrationClientIssued> CreateAsync(string districtId, IntegrationClientRegistration registration, string registeredBy);

    Task<IntegrationClientView?> GetAsync();

    /// <summary>
    /// Checks a presented key by its SHA-256 (hex) and, when given, the request's signature; on success notes "last used".
    /// </summary>
    Task<IntegrationKeyCheck> AuthenticateAsync(string keyHash, IntegrationSignedRequest? signed);

    /// <summary>A new key; the current one keeps working for <paramref name="overlap"/> (see <see cref="IntegrationRules.MaxOverlap"/>).</summary>
    Task<IntegrationClientIssued> RotateAsync(TimeSpan overlap);

    /// <summary>Refuses every key of the client from now on; a second revocation changes nothing.</summary>
    Task<IntegrationClientView> RevokeAsync();
}

/// <summary>
/// A client's calls (keyed by client id): one hash-chained record per call appended to the audit log stream
/// "integration:{clientId}", the client as actor. A stream of its own, so recording a call never waits on a key check.
/// </summary>
public interface IIntegrationCallsGrain : IGrainWithStringKey
{
    /// <summary>Completes once the record is durable.</summary>
    Task RecordAsync(IntegrationCall call, string clientName);

    Task<IntegrationCallLog> ListAsync(int take);
}
