namespace CrisisHub.Contracts.Privacy;

/// <summary>
/// How long a district keeps personal data before the retention job anonymises it. Texts (the phone number and body
/// of each) are kept <see cref="TextDays"/> days; a closed case keeps its names and free text <see cref="ClosedCaseYears"/>
/// years after closing, then keeps only what reports count (grades, statuses, times, ids).
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.RetentionPolicy")]
public sealed record RetentionPolicy(int TextDays, int ClosedCaseYears)
{
    public static RetentionPolicy Default { get; } = new(90, 3);

    /// <summary>The shortest time a district may keep closed cases (and screening results) for.</summary>
    public const int FewestClosedCaseYears = 1;

    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (TextDays is < 7 or > 3650) errors["textDays"] = ["must be from 7 to 3650 days"];
        if (ClosedCaseYears is < FewestClosedCaseYears or > 30) errors["closedCaseYears"] = ["must be from 1 to 30 years"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The retention policy is not valid.", errors);
    }
}

/// <summary>A district's retention policy (keyed by district id); the default until an administrator sets one.</summary>
public interface IRetentionPolicyGrain : IGrainWithStringKey
{
    Task<RetentionPolicy> GetAsync();

    Task<RetentionPolicy> SetAsync(RetentionPolicy policy);
}

/// <summary>
/// What one run of the retention job did: texts forgotten from the local outbox, and texts past their days whose
/// numbers and bodies were forgotten from the case's and the text's own records.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.RetentionRun")]
public sealed record RetentionRun(DateTimeOffset At, int CasesChecked, int CasesAnonymised, int TextsForgotten, int DeliveriesForgotten = 0,
    int ScreeningsForgotten = 0);

/// <summary>
/// The daily retention job of the installation (one, keyed "installation"): a durable reminder wakes it, and it runs
/// once a day by the grain clock, applying each district's policy.
/// </summary>
public interface IRetentionJobGrain : IGrainWithStringKey
{
    public const string Key = "installation";

    /// <summary>Registers the reminder (idempotent); called when a silo starts.</summary>
    Task EnsureScheduledAsync();

    /// <summary>Runs now, whatever the day (an operator's or a test's call).</summary>
    Task<RetentionRun> RunAsync();

    /// <summary>Answered while a run goes on (a run takes minutes on a large installation).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RetentionRun?> LastRunAsync();
}
