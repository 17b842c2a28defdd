namespace CrisisHub.Contracts.Identity;

/// <summary>Where the one <see cref="IAccountDirectoryGrain"/> lives: server code and grains address it by this key.</summary>
public static class AccountDirectory
{
    public const string Key = "accounts";
}
