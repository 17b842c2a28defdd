namespace CrisisHub.Contracts.Push;

/// <summary>
/// One browser (phone) that asked for alerts by Web Push: the push service's endpoint for it and the keys its payloads are
/// encrypted to (RFC 8291). The endpoint names the device; a second subscription from the same device replaces the first.
/// </summary>
/// <param name="P256dh">The browser's P-256 public key, base64url (65 bytes, uncompressed).</param>
/// <param name="Auth">The browser's authentication secret, base64url (16 bytes).</param>
/// <param name="Label">What the person's page says the device is ("Android · Chrome"), for their list of devices.</param>
/// <param name="SessionStamp">
/// The account's security stamp when the device subscribed: a device is pushed only while it is the account's current one, so
/// a subscription never outlives the sessions it was made in, even one that raced a sign-out.
/// </param>
/// <param name="VapidKey">The server's public key the subscription was made with: a device made under another pair is dropped.</param>
[GenerateSerializer, Immutable, Alias("CrisisHub.PushDevice")]
public sealed record PushDevice(string Endpoint, string P256dh, string Auth, string Label, DateTimeOffset SubscribedAt, string? SessionStamp = null,
    string? VapidKey = null);

/// <summary>
/// The devices of one account (keyed by user name). A subscription lives as long as the sessions it was made in: whenever
/// the account's sessions end (sign-out, disabled, role, nodes or password changed) every device is revoked.
/// </summary>
public interface IPushDevicesGrain : IGrainWithStringKey
{
    Task<PushDevice[]> ListAsync();

    /// <summary>Adds the device, or replaces the one with its endpoint; past <see cref="PushRules.MaxDevices"/> the oldest goes.</summary>
    Task AddAsync(PushDevice device);

    /// <summary>Forgets one device (the person turned alerts off there, or its push service said it is gone); false when unknown.</summary>
    Task<bool> RemoveAsync(string endpoint);

    /// <summary>Forgets every device of the account; answers how many there were.</summary>
    Task<int> RevokeAllAsync();
}

/// <summary>
/// Which account a push endpoint (one browser on one phone) was last subscribed for, keyed by the endpoint's SHA-256: a phone
/// that another person signs in on and turns alerts on for stops getting the first person's alerts. Calls no grain.
/// </summary>
public interface IPushEndpointGrain : IGrainWithStringKey
{
    /// <summary>Records the account as the endpoint's; answers the account it belonged to before, if another.</summary>
    Task<string?> ClaimAsync(string userName);
}

/// <summary>
/// Who has any Web Push device (one grain, keyed <see cref="Key"/>): a fired step asks it first, so an alert whose people have
/// no device costs the push side one in-memory call, not a lookup per person. Each person's devices grain keeps it in step.
/// </summary>
public interface IPushRosterGrain : IGrainWithStringKey
{
    public const string Key = "push-roster";

    [Orleans.Concurrency.ReadOnly]
    Task<string[]> WithDevicesAsync();

    Task SetAsync(string userName, bool hasDevices);
}
