using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Identity;

/// <summary>A local account. The password hash is computed by the server (ASP.NET Core Identity's hasher).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.UserAccount")]
public sealed record UserAccount(
    string UserName,
    string DisplayName,
    ResponderRole Role,
    string[] NodeIds,
    string PasswordHash,
    string PreferredLanguage,
    bool Disabled);

/// <summary>Keyed by the lower-case user name.</summary>
public interface IUserAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates or replaces the account. A new account, or a change of role, nodes, password or disabled flag,
    /// gives it a new security stamp: every session signed in before ends at its next request.
    /// </summary>
    Task<UserAccount> SaveAsync(UserAccount account);

    /// <summary>
    /// For bulk paths: <see cref="SaveAsync"/> without recording the account in the directory; the caller records a whole batch
    /// at once with <see cref="IAccountDirectoryGrain.RecordAllAsync"/> and the listing returned.
    /// </summary>
    Task<AccountListing> SaveUnlistedAsync(UserAccount account);

    Task<UserAccount?> GetAsync();

    /// <summary>Stores a re-hash of the same password (a newer hash format): sessions go on.</summary>
    Task SetPasswordHashAsync(string passwordHash);

    Task<UserAccount> SetLanguageAsync(string language);

    /// <summary>The stamp a session's claim must equal; null when there is no account or it is disabled (no session is valid).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string?> GetSecurityStampAsync();

    /// <summary>Sign-out everywhere: a new stamp, so every cookie, token and hub connection of the account ends.</summary>
    Task EndSessionsAsync();

    /// <summary>
    /// Records a sign-in attempt. <paramref name="matchedPasswordHash"/> is the hash the password was verified against
    /// (null when it did not match): it succeeds only if that is still the account's hash and the account is enabled and
    /// not locked out. Repeated failures lock the name for a while, whether or not an account exists under it.
    /// </summary>
    Task<SignInOutcome> RecordSignInAsync(string? matchedPasswordHash);

    /// <summary>Lifts a lockout and forgets the failures (an administrator's action).</summary>
    Task UnlockAsync();
}

public enum SignInStatus
{
    SignedIn,
    Failed,
    LockedOut,
}

/// <summary>The result of a sign-in attempt: the stamp to put in the session's claims, or until when the name is locked.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInOutcome(
    SignInStatus Status,
    string? SecurityStamp,
    DateTimeOffset? LockedUntil);

/// <summary>One entry per account (keyed "accounts"), so administrators can list the accounts in their scope.</summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    Task RecordAsync(AccountListing listing);

    /// <summary>Records a batch of accounts in one write.</summary>
    Task RecordAllAsync(AccountListing[] listings);

    Task<AccountListing[]> ListAsync();

    /// <summary>The enabled accounts that handle cases at any of these nodes: whose inboxes list the nodes' alerts.</summary>
    Task<string[]> CaseHandlersAtAsync(string[] nodeIds);
}

[GenerateSerializer, Immutable, Alias("CrisisHub.AccountListing")]
public sealed record AccountListing(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, bool Disabled);
