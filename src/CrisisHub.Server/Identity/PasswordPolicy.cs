using System.Collections.Frozen;
using CrisisHub.Contracts;

namespace CrisisHub.Server.Identity;

/// <summary>
/// What a password given to an account (created or changed by an administrator) must be: at least
/// <see cref="MinLength"/> characters, not one of about a thousand common passwords (an embedded list), not the user
/// name and not the published demo password. Seeds bypass it on purpose: the demo and test seeds set known passwords.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    /// <summary>The demo seed's password; refused as a chosen password and, unless demo data is on, at sign-in.</summary>
    public const string DemoPassword = "crisishub-demo";

    private static readonly FrozenSet<string> Common = Load();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("CrisisHub.Server.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim());
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsCommon(string password) => Common.Contains(password.Trim());

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string password, string userName)
    {
        if (password.Length < MinLength) return $"must have at least {MinLength} characters";
        if (password.Length > MaxLength) return $"must have at most {MaxLength} characters";
        if (password.Distinct().Count() < 4) return "must not repeat so few characters";
        if (string.Equals(password.Trim(), userName, StringComparison.OrdinalIgnoreCase)) return "must not be the user name";
        if (string.Equals(password, DemoPassword, StringComparison.OrdinalIgnoreCase)) return "must not be the published demo password";
        if (IsCommon(password)) return "is one of the most common passwords; choose another";
        return null;
    }

    /// <summary>Refuses a password against the policy with problem details naming the field and the reason.</summary>
    public static void Check(string password, string userName)
    {
        if (Problem(password, userName) is { } reason) throw DomainRuleException.Invalid("password", reason);
    }
}
