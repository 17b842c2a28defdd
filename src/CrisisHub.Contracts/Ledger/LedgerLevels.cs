namespace CrisisHub.Contracts.Ledger;

/// <summary>
/// What a district calls the attention ledger's four levels (1 = most attention), in each language the pages speak.
/// Only the words are the district's: what puts a student at a level is the same everywhere. Stored: names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.LedgerLevelLabels")]
public sealed record LedgerLevelLabels(string[] ZhCn, string[] En)
{
    public const int LevelCount = 4;
    public const int MaxLabelLength = 40;

    public static LedgerLevelLabels Default { get; } = new(
        ["危机或已转介", "干预中", "一般关注", "观察"],
        ["In crisis or referred", "Under intervention", "General concern", "Watch"]);

    public string[] For(string language) => language == Languages.English ? En : ZhCn;

    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        Check("zhCn", ZhCn, errors);
        Check("en", En, errors);
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The ledger's level labels are not valid.", errors);
    }

    private static void Check(string field, string[]? labels, Dictionary<string, string[]> errors)
    {
        if (labels is null || labels.Length != LevelCount) errors[field] = [$"must hold exactly {LevelCount} labels, level 1 first"];
        else if (labels.Any(string.IsNullOrWhiteSpace)) errors[field] = ["every label must have words"];
        else if (labels.Any(l => l.Trim().Length > MaxLabelLength)) errors[field] = [$"a label has at most {MaxLabelLength} characters"];
    }
}

/// <summary>A district's ledger settings (keyed by district id): the default labels until an administrator sets others.</summary>
public interface ILedgerSettingsGrain : IGrainWithStringKey
{
    Task<LedgerLevelLabels> GetLabelsAsync();

    Task<LedgerLevelLabels> SetLabelsAsync(LedgerLevelLabels labels);
}
