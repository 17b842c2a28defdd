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
        return account;
    }

    public Task<UserAccount?> GetAsync() => Task.FromResult(state.State.Account);

    public async Task SetPasswordHashAsync(string passwordHash)
    {
        if (state.State.Account is null) throw DomainRuleException.NotFound("No such account.");
        state.State.Account = state.State.Account with { PasswordHash = passwordHash };
        await state.WriteStateAsync();
    }
}
