using CrisisHub.Contracts;
using CrisisHub.Contracts.Ledger;

namespace CrisisHub.Grains.Ledger;

/// <summary>
/// What a monthly review's levels mean. Level 1 is the most attention and 4 the least; 0 is off the ledger, below 4.
/// So a move towards 1 raises, a move towards 0 lowers.
/// </summary>
public static class LedgerMovements
{
    public const int OffLedger = 0;
    public const int MostAttention = 1;
    public const int LeastAttention = LedgerLevelLabels.LevelCount;

    public static bool IsLevel(int level) => level is >= OffLedger and <= LeastAttention;

    public static LedgerMovement Between(int fromLevel, int toLevel) =>
        Rank(toLevel).CompareTo(Rank(fromLevel)) switch
        {
            > 0 => LedgerMovement.Raised,
            < 0 => LedgerMovement.Lowered,
            _ => LedgerMovement.Unchanged,
        };

    /// <summary>How much attention a level asks for: more is higher (off the ledger asks for none).</summary>
    private static int Rank(int level) => level == OffLedger ? 0 : LeastAttention + 1 - level;

    /// <summary>"yyyy-MM", the month a review belongs to.</summary>
    public static bool IsMonth(string? month) =>
        month is { Length: 7 } && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out _);

    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The review's own facts, checked before it is stored: the grain, not the caller, decides the movement.</summary>
    public static void Validate(LedgerReview review)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(review.StudentId)) errors["studentId"] = ["is required"];
        if (!IsMonth(review.Month)) errors["month"] = ["must be a month written yyyy-MM"];
        if (!IsLevel(review.FromLevel)) errors["fromLevel"] = [$"must be from {OffLedger} (off the ledger) to {LeastAttention}"];
        if (!IsLevel(review.ToLevel)) errors["toLevel"] = [$"must be from {OffLedger} (off the ledger) to {LeastAttention}"];
        if (review.Note is { Length: > Limits.MaxTextLength }) errors["note"] = [$"must be at most {Limits.MaxTextLength} characters"];
        if (errors.Count == 0 && Between(review.FromLevel, review.ToLevel) != LedgerMovement.Unchanged && string.IsNullOrWhiteSpace(review.Note))
            errors["note"] = ["a raised or lowered level needs a note saying why"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The ledger review is not valid.", errors);
    }
}
