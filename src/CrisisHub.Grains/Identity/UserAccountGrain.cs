using Microsoft.Extensions.DependencyInjection;
using CrisisHub.Contracts;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Identity;
using CrisisHub.Grains.Network;

namespace CrisisHub.Grains.Identity;

[GenerateSerializer, Alias("CrisisHub.UserAccountState")]
public sealed class UserAccountState
{
    [Id(0)] public UserAccount? Account { get; set; }

    /// <summary>Every session carries the stamp it was signed in under; a new value here ends them all.</summary>
    [Id(1)] public string? SecurityStamp { get; set; }
}

/// <summary>
/// One account: its record, its security stamp (sessions end when it changes) and its sign-in failures. Failures and
/// lockouts are kept in memory, not stored: a failed sign-in then costs the same whether or not the name exists (no
/// write for one, none for the other), and a single activation per name makes the count cluster-wide.
/// </summary>
public sealed class UserAccountGrain(
    [PersistentState("account", StorageNames.Identity)] IPersistentState<UserAccountState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ISessionNotifier sessions) : Grain, IUserAccountGrain
{
    /// <summary>This many failures within <see cref="FailureWindow"/> lock the name for <see cref="LockoutPeriod"/>.</summary>
    public const int MaxFailures = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    private readonly Queue<DateTimeOffset> _failures = new();
    private DateTimeOffset? _lockedUntil;

    public async Task<UserAccount> SaveAsync(UserAccount account)
    {
        var listing = await SaveUnlistedAsync(account);
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(AccountDirectoryGrain.Key).RecordAsync(listing);
        return account;
    }

    public async Task<AccountListing> SaveUnlistedAsync(UserAccount account)
    {
        if (account.UserName != this.GetPrimaryKeyString() || !NodeRules.IsValidId(account.UserName))
            throw DomainRuleException.Invalid("userName", "must be 1-64 lower-case letters, digits or '-', matching the account addressed");
        if (string.IsNullOrWhiteSpace(account.DisplayName)) throw DomainRuleException.Invalid("displayName", "is required");
        if (string.IsNullOrEmpty(account.PasswordHash)) throw DomainRuleException.Invalid("password", "is required");
        var before = state.State.Account;
        var endsSessions = before is not null && EndsSessions(before, account);
        state.State.Account = account;
        if (endsSessions || state.State.SecurityStamp is null) state.State.SecurityStamp = NewStamp();
        await state.WriteStateAsync();
        if (endsSessions) await SessionsEndedAsync(account.UserName);
        return new AccountListing(account.UserName, account.DisplayName, account.Role, account.NodeIds, account.Disabled);
    }

    /// <summary>What a session was granted on no longer holds: who the person is allowed to be, or how they prove it.</summary>
    private static bool EndsSessions(UserAccount before, UserAccount after) =>
        before.Disabled != after.Disabled
        || before.Role != after.Role
        || !before.NodeIds.Order().SequenceEqual(after.NodeIds.Order())
        || before.PasswordHash != after.PasswordHash;

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

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

    public Task<string?> GetSecurityStampAsync() =>
        Task.FromResult(state.State.Account is { Disabled: false } ? state.State.SecurityStamp : null);

    public async Task EndSessionsAsync()
    {
        if (state.State.Account is null) return;
        state.State.SecurityStamp = NewStamp();
        await state.WriteStateAsync();
        await SessionsEndedAsync(state.State.Account.UserName);
    }

    /// <summary>
    /// The sessions ended: the host closes their live connections, then the account's Web Push devices are revoked, as a
    /// subscription lives only as long as the sessions it was made in. The stamp is the guard (a device made under an older
    /// stamp is never pushed, see <see cref="Contracts.Push.PushDevice.SessionStamp"/>); the revocation clears the list.
    /// </summary>
    private async Task SessionsEndedAsync(string userName)
    {
        await sessions.SessionsEndedAsync(userName);
        await GrainFactory.GetGrain<Contracts.Push.IPushDevicesGrain>(userName).RevokeAllAsync();
    }

    public async Task<SignInOutcome> RecordSignInAsync(string? matchedPasswordHash)
    {
        var now = time.GetUtcNow();
        if (_lockedUntil is { } until && until > now) return new SignInOutcome(SignInStatus.LockedOut, null, until);
        _lockedUntil = null;
        var account = state.State.Account;
        if (matchedPasswordHash is not null && account is { Disabled: false } && account.PasswordHash == matchedPasswordHash)
        {
            _failures.Clear();
            if (state.State.SecurityStamp is null)
            {
                // An account stored before stamps existed gets its first one now.
                state.State.SecurityStamp = NewStamp();
                await state.WriteStateAsync();
            }

            return new SignInOutcome(SignInStatus.SignedIn, state.State.SecurityStamp, null);
        }

        while (_failures.TryPeek(out var oldest) && now - oldest >= FailureWindow) _failures.Dequeue();
        _failures.Enqueue(now);
        // Keep the activation (and so the count) for as long as it matters.
        DelayDeactivation(FailureWindow + LockoutPeriod);
        if (_failures.Count < MaxFailures) return new SignInOutcome(SignInStatus.Failed, null, null);
        _failures.Clear();
        _lockedUntil = now + LockoutPeriod;
        return new SignInOutcome(SignInStatus.LockedOut, null, _lockedUntil);
    }

    public Task UnlockAsync()
    {
        _failures.Clear();
        _lockedUntil = null;
        return Task.CompletedTask;
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

    // Who handles cases at each node, for the notifier on every alert: built from the listings once per
    // activation and kept in step by RecordAsync, so a push never scans every account.
    private Dictionary<string, HashSet<string>>? _handlersByNode;

    public Task RecordAsync(AccountListing listing) => RecordAllAsync([listing]);

    public async Task RecordAllAsync(AccountListing[] listings)
    {
        foreach (var listing in listings) state.State.Accounts[listing.UserName] = listing;
        await state.WriteStateAsync();
        _handlersByNode = null;
    }

    public Task<AccountListing[]> ListAsync() => Task.FromResult(state.State.Accounts.Values.OrderBy(a => a.UserName).ToArray());

    public Task<string[]> CaseHandlersAtAsync(string[] nodeIds)
    {
        _handlersByNode ??= IndexCaseHandlers(state.State.Accounts.Values);
        return Task.FromResult(nodeIds.SelectMany(n => _handlersByNode.GetValueOrDefault(n) ?? []).Distinct().ToArray());
    }

    private static Dictionary<string, HashSet<string>> IndexCaseHandlers(IEnumerable<AccountListing> accounts)
    {
        var index = new Dictionary<string, HashSet<string>>();
        foreach (var account in accounts.Where(a => !a.Disabled && a.Role.HandlesCases()))
        {
            foreach (var nodeId in account.NodeIds)
            {
                if (!index.TryGetValue(nodeId, out var users)) index[nodeId] = users = [];
                users.Add(account.UserName);
            }
        }

        return index;
    }
}
