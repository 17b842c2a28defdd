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
    Task<UserAccount> SaveAsync(UserAccount account);

    Task<UserAccount?> GetAsync();

    Task SetPasswordHashAsync(string passwordHash);

    Task<UserAccount> SetLanguageAsync(string language);
}

/// <summary>One entry per account (keyed "accounts"), so administrators can list the accounts in their scope.</summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    Task RecordAsync(AccountListing listing);

    Task<AccountListing[]> ListAsync();

    /// <summary>The enabled accounts that handle cases at any of these nodes: whose inboxes list the nodes' alerts.</summary>
    Task<string[]> CaseHandlersAtAsync(string[] nodeIds);
}

[GenerateSerializer, Immutable, Alias("CrisisHub.AccountListing")]
public sealed record AccountListing(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, bool Disabled);
