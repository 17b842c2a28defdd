namespace CrisisHub.Contracts;

public enum RuleKind
{
    /// <summary>The input is malformed or breaks a rule about its own content (400).</summary>
    Invalid = 0,
    /// <summary>The thing named does not exist (404).</summary>
    NotFound = 1,
    /// <summary>The request is valid but the current state does not allow it (409).</summary>
    Conflict = 2,
}

/// <summary>
/// A domain rule said no. Grains throw it; the API turns it into RFC 7807 problem details, and the
/// grain has changed nothing when it is thrown.
/// </summary>
[GenerateSerializer]
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(RuleKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    [Id(0)] public RuleKind Kind { get; }

    /// <summary>Field name → reasons, for validation problems.</summary>
    [Id(1)] public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static DomainRuleException Invalid(string field, string reason) =>
        new(RuleKind.Invalid, reason, new Dictionary<string, string[]> { [field] = [reason] });

    public static DomainRuleException NotFound(string message) => new(RuleKind.NotFound, message);

    public static DomainRuleException Conflict(string message) => new(RuleKind.Conflict, message);
}
