namespace CrisisHub.Contracts.Integrations;

/// <summary>What a registration and a rotation must satisfy; each broken rule is a 400 naming its field and what is allowed.</summary>
public static class IntegrationRules
{
    public const int DefaultRateLimitPerMinute = 60;
    public const int MaxRateLimitPerMinute = 6000;
    public const int MaxNameLength = 100;
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    /// <summary>Checks everything but whether the schools are the district's (the list grain asks the network).</summary>
    public static void Validate(IntegrationClientRegistration registration)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Length > MaxNameLength)
            errors["name"] = [$"is required, at most {MaxNameLength} characters"];
        if (!Enum.IsDefined(registration.Kind)) errors["kind"] = [$"must be one of: {string.Join(", ", Enum.GetNames<IntegrationClientKind>())}"];
        if (registration.SchoolIds is not { Length: > 0 } || registration.SchoolIds.Any(string.IsNullOrWhiteSpace))
            errors["schoolIds"] = ["name at least one school of the district the client may post for"];
        if (registration.Permissions is not { Length: > 0 } || !registration.Permissions.All(Enum.IsDefined))
            errors["permissions"] = [$"name at least one of: {string.Join(", ", Enum.GetNames<IntegrationPermission>())}"];
        if (registration.RateLimitPerMinute is < 1 or > MaxRateLimitPerMinute)
            errors["rateLimitPerMinute"] = [$"must be from 1 to {MaxRateLimitPerMinute} calls a minute"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The integration client is not valid.", errors);
    }

    public static void ValidateOverlap(TimeSpan overlap)
    {
        if (overlap < TimeSpan.Zero || overlap > MaxOverlap)
            throw DomainRuleException.Invalid("overlapHours", $"must be from 0 to {MaxOverlap.TotalHours:0} hours");
    }
}
