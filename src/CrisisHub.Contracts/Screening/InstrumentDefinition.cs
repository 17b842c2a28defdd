namespace CrisisHub.Contracts.Screening;

/// <summary>
/// What a screening result leads to. Watch enters the attention ledger only; General and Severe raise a flag of that
/// grade with source "screening". The names are stored and sent: never rename, only add.
/// </summary>
public enum ScreeningOutcome
{
    None = 0,
    Watch = 1,
    General = 2,
    Severe = 3,
}

/// <summary>
/// One rule of an instrument: when an item (1-based) or, with no item, the total reaches <see cref="AtLeast"/>, the
/// result is <see cref="Outcome"/>. The most serious outcome among the rules that hold wins.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.InstrumentRule")]
public sealed record InstrumentRule(ScreeningOutcome Outcome, int? Item, int AtLeast, string Description);

/// <summary>
/// A screening instrument as data (PHQ-9, GAD-7 and UPI ship as definitions; a district may add others): how many
/// items, the range every item's score must lie in, and the rules. Stored and exchanged as JSON: names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.InstrumentDefinition")]
public sealed record InstrumentDefinition(string InstrumentId, string Name, int ItemCount, int ItemMin, int ItemMax, InstrumentRule[] Rules)
{
    public int MaxTotal => ItemCount * ItemMax;

    /// <summary>Every problem with the definition itself, by field; empty when it can be used.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(InstrumentId) || InstrumentId.Length > 32 || !InstrumentId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            problems["instrumentId"] = ["1 to 32 letters, digits or '-'"];
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100) problems["name"] = ["is required (at most 100 characters)"];
        if (ItemCount is < 1 or > 200) problems["itemCount"] = ["must be from 1 to 200"];
        if (ItemMin < 0 || ItemMax <= ItemMin || ItemMax > 100) problems["itemMax"] = ["items score from itemMin (0 or more) to itemMax (above it, at most 100)"];
        if (Rules is null || Rules.Length == 0) problems["rules"] = ["at least one rule"];
        for (var i = 0; i < (Rules?.Length ?? 0); i++)
        {
            var rule = Rules![i];
            if (rule.Outcome == ScreeningOutcome.None || !Enum.IsDefined(rule.Outcome)) problems[$"rules[{i}].outcome"] = ["Watch, General or Severe"];
            if (rule.Item is { } item && (item < 1 || item > ItemCount)) problems[$"rules[{i}].item"] = [$"an item from 1 to {ItemCount}, or none for the total"];
            var ceiling = rule.Item is null ? MaxTotal : ItemMax;
            if (rule.AtLeast <= (rule.Item is null ? 0 : ItemMin) - 1 || rule.AtLeast > ceiling) problems[$"rules[{i}].atLeast"] = [$"a score the {(rule.Item is null ? "total" : "item")} can reach (at most {ceiling})"];
        }

        return problems;
    }
}

/// <summary>
/// A district's instruments, keyed by district id: the shipped definitions (PHQ-9, GAD-7, UPI), each replaced by the
/// district's own where it set one (its rules' thresholds), and the instruments it added.
/// </summary>
public interface IDistrictInstrumentsGrain : IGrainWithStringKey
{
    Task<InstrumentDefinition[]> ListAsync();

    /// <summary>Adds or replaces one instrument; invalid definitions are refused with every problem listed.</summary>
    Task<InstrumentDefinition> SaveAsync(InstrumentDefinition definition);
}
