using CrisisHub.Contracts;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Identity;
using CrisisHub.Grains.Network;

namespace CrisisHub.Grains.Identity;

[GenerateSerializer, Alias("CrisisHub.UserAccountState")]
public sealed class UserAccountState
{
    [Id(0)] public UserAccount? Account { get; set; }
}

public sealed class UserAccountGrain(
    [PersistentState("account", StorageNames.Identity)] IPersistentState<UserAccountState> state) : Grain, IUserAccountGrain
{
    public async Task<UserAccount> SaveAsync(UserAccount account)
    {
        if (account.UserName != this.GetPrimaryKeyString() || !NodeRules.IsValidId(account.UserName))
            throw DomainRuleException.Invalid("userName", "must be 1-64 lower-case letters, digits or '-', matching the account addressed");
        if (string.IsNullOrWhiteSpace(account.DisplayName)) throw DomainRuleException.Invalid("displayName", "is required");
        if (string.IsNullOrEmpty(account.PasswordHash)) throw DomainRuleException.Invalid("password", "is required");
        state.State.Account = account;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(AccountDirectoryGrain.Key)
            .RecordAsync(new AccountListing(account.UserName, account.DisplayName, account.Role, account.NodeIds, account.Disabled));
        return account;
    }

    public Task<UserAccount?> GetAsync() => Task.FromResult(state.State.Account);

    public async Task<UserAccount> SetLanguageAsync(string language)
    {
        if (state.State.Account is null) throw DomainRuleException.NotFound("No such account.");
        if (!Languages.IsSupported(language)) throw DomainRuleException.Invalid("language", $"must be one of {string.Join(", ", Languages.All)}");
        state.State.Account = state.State.Account with { PreferredLanguage = language };
        await state.WriteStateAsync();
        return state.State.Account;
    }

    public async Task SetPasswordHashAsync(string passwordHash)
    {
        if (state.State.Account is null) throw DomainRuleException.NotFound("No such account.");
        state.State.Account = state.State.Account with { PasswordHash = passwordHash };
        await state.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("CrisisHub.AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)] public Dictionary<string, AccountListing> Accounts { get; set; } = [];
}

public sealed class AccountDirectoryGrain(
    [PersistentState("directory", StorageNames.Identity)] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public const string Key = AccountDirectory.Key;

    public async Task RecordAsync(AccountListing listing)
    {
        state.State.Accounts[listing.UserName] = listing;
        await state.WriteStateAsync();
    }

    public Task<AccountListing[]> ListAsync() => Task.FromResult(state.State.Accounts.Values.OrderBy(a => a.UserName).ToArray());

    public Task<string[]> CaseHandlersAtAsync(string[] nodeIds) => Task.FromResult(
        state.State.Accounts.Values.Where(a => !a.Disabled && a.Role.HandlesCases() && a.NodeIds.Any(nodeIds.Contains)).Select(a => a.UserName).ToArray());
}
