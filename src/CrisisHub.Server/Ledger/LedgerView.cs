using CrisisHub.Contracts.Ledger;
using CrisisHub.Grains.Ledger;

namespace CrisisHub.Server.Ledger;

/// <summary>
/// One student on the ledger as the school's keepers read it. <see cref="Reasons"/> name the sources (case, referral,
/// plan, screening), never a screening's items or scores. The responsible adult is the plan's owner, else the class's
/// head teacher; the next review is the plan's date, else the case's next deadline.
/// </summary>
public sealed record LedgerRow(string StudentId, string Name, string GradeId, string GradeName, string ClassId, string ClassName, int Level,
    LedgerReason[] Reasons, string? CaseId, string? ResponsibleAdult, DateOnly? NextReviewOn, DateTimeOffset? NextDeadline,
    LedgerReview? LastReview, LedgerReview? ThisMonthsReview);

/// <summary>A level as the district names it, and how many students are at it.</summary>
/// <summary>
/// One level's count. The ledger's keepers see it as it is; anyone counting from outside the school (a district officer)
/// sees 1 to 4 as <see cref="Suppressed"/> with no count, as the district's figures do: a small count can name a child.
/// </summary>
public sealed record LedgerLevelView(int Level, string Label, int? Count, bool Suppressed = false)
{
    public static LedgerLevelView Of(int level, string label, int count, bool forOutsiders) =>
        forOutsiders && count is > 0 and < Reports.Figure.SmallestShown ? new(level, label, null, true) : new(level, label, count);
}

/// <summary>
/// A school's ledger for <see cref="Month"/>. District officers get the counts only (<see cref="Rows"/> empty,
/// <see cref="NamesShown"/> false); the keepers get the rows and may review (<see cref="CanReview"/>).
/// <see cref="CanOpenArchive"/>: the psychology centre opens each student's archive from their row.
/// </summary>
public sealed record LedgerView(string SchoolId, string SchoolName, string Month, string PreviousMonth, LedgerLevelView[] Levels, LedgerRow[] Rows,
    bool NamesShown, bool CanReview, bool CanOpenArchive);
