using System.Text.Json.Serialization;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Admin;

/// <summary>
/// An account as the admin audit log records it: never the password hash, only whether this change set a password.
/// </summary>
public sealed record AccountAudit(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, string PreferredLanguage, bool Disabled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password)
{
    public const string PasswordChanged = "changed";

    public static AccountAudit? Of(UserAccount? account, bool passwordChanged = false) => account is null ? null
        : new(account.UserName, account.DisplayName, account.Role, account.NodeIds, account.PreferredLanguage, account.Disabled,
            passwordChanged ? PasswordChanged : null);
}
