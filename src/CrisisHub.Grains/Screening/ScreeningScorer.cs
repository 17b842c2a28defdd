using CrisisHub.Contracts.Screening;

namespace CrisisHub.Grains.Screening;

/// <summary>One row's score: its total, the rule that decided (the most serious that holds), or why it cannot be scored.</summary>
public sealed record ScreeningScore(int Total, ScreeningOutcome Outcome, InstrumentRule? Rule, string[] Errors)
{
    public bool IsValid => Errors.Length == 0;
}

/// <summary>Scores item answers against an instrument's definition. A plain function: the import previews with it and stores what it said.</summary>
public static class ScreeningScorer
{
    /// <param name="items">The answers, item 1 first; null where the row left an item empty.</param>
    public static ScreeningScore Score(InstrumentDefinition instrument, IReadOnlyList<int?> items)
    {
        var errors = new List<string>();
        if (items.Count != instrument.ItemCount)
            errors.Add($"{instrument.Name} has {instrument.ItemCount} items; the row has {items.Count}");
        for (var i = 0; i < Math.Min(items.Count, instrument.ItemCount); i++)
        {
            if (items[i] is not { } score) errors.Add($"item {i + 1} is missing");
            else if (score < instrument.ItemMin || score > instrument.ItemMax)
                errors.Add($"item {i + 1} is {score}; {instrument.Name} items score {instrument.ItemMin} to {instrument.ItemMax}");
        }

        if (errors.Count > 0) return new ScreeningScore(0, ScreeningOutcome.None, null, [.. errors]);

        var total = items.Sum(i => i!.Value);
        var decided = instrument.Rules
            .Where(rule => (rule.Item is { } item ? items[item - 1]!.Value : total) >= rule.AtLeast)
            .OrderByDescending(rule => rule.Outcome)
            .FirstOrDefault();
        return new ScreeningScore(total, decided?.Outcome ?? ScreeningOutcome.None, decided, []);
    }
}
