using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Ledger;

namespace CrisisHub.Grains.Tests.Ledger;

/// <summary>The ledger derivation as a table: each source alone gives its level, and how they combine.</summary>
public sealed class LedgerDerivationTests
{
    private const string Student = "s1";
    private static readonly DateTimeOffset Deadline = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static OpenCaseFact Case(CrisisGrade grade, bool referral = false) => new(Student, "c1", "g1", grade, referral, Deadline);

    private static ScreenedStudent Screening(ScreeningOutcome outcome, string instrument = "PHQ-9", int day = 1) =>
        new(Student, "g1", instrument, new DateOnly(2026, 10, day), 12, outcome);

    private static PlanSummary Plan(int level, bool closed = false) => new(Student, "g1", level, "ts1-psych", new DateOnly(2026, 12, 1), closed);

    private static LedgerEntry? Derive(OpenCaseFact? openCase = null, ScreenedStudent[]? screenings = null, PlanSummary? plan = null) =>
        LedgerDerivation.Derive(openCase is null ? [] : [openCase], screenings ?? [], plan is null ? [] : [plan]).SingleOrDefault();

    public static TheoryData<string, int?> EachSourceAlone => new()
    {
        { "case Major", 1 },
        { "case Severe", 1 },
        { "case General with a referral", 1 },
        { "case General", 2 },
        { "case Watch", 4 },
        { "plan 1", 1 },
        { "plan 2", 2 },
        { "plan 3", 3 },
        { "plan 4", 4 },
        { "closed plan 1", null },
        { "screening Severe", 2 },
        { "screening General", 3 },
        { "screening Watch", 4 },
        { "screening None", null },
    };

    [Theory]
    [MemberData(nameof(EachSourceAlone))]
    public void EachSourceAlonePutsTheStudentAtItsLevel(string source, int? level)
    {
        var entry = source switch
        {
            "case Major" => Derive(Case(CrisisGrade.Major)),
            "case Severe" => Derive(Case(CrisisGrade.Severe)),
            "case General with a referral" => Derive(Case(CrisisGrade.General, referral: true)),
            "case General" => Derive(Case(CrisisGrade.General)),
            "case Watch" => Derive(Case(CrisisGrade.Watch)),
            "plan 1" => Derive(plan: Plan(1)),
            "plan 2" => Derive(plan: Plan(2)),
            "plan 3" => Derive(plan: Plan(3)),
            "plan 4" => Derive(plan: Plan(4)),
            "closed plan 1" => Derive(plan: Plan(1, closed: true)),
            "screening Severe" => Derive(screenings: [Screening(ScreeningOutcome.Severe)]),
            "screening General" => Derive(screenings: [Screening(ScreeningOutcome.General)]),
            "screening Watch" => Derive(screenings: [Screening(ScreeningOutcome.Watch)]),
            "screening None" => Derive(screenings: [Screening(ScreeningOutcome.None)]),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };

        entry?.Level.ShouldBe(level!.Value);
        if (level is null) entry.ShouldBeNull();
    }

    [Theory]
    [InlineData(CrisisGrade.General, false, 1, 1)] // a plan raises above the case
    [InlineData(CrisisGrade.General, false, 4, 2)] // but never shows the student below what the open case implies
    [InlineData(CrisisGrade.Severe, false, 3, 1)]
    [InlineData(CrisisGrade.General, true, 4, 1)] // a referral under way is level 1 whatever the plan says
    [InlineData(CrisisGrade.Watch, false, 3, 3)]
    public void AnOpenCaseIsAFloorThePlanCanOnlyRaise(CrisisGrade grade, bool referral, int planLevel, int level)
    {
        Derive(Case(grade, referral), plan: Plan(planLevel))!.Level.ShouldBe(level);
    }

    [Theory]
    [InlineData(ScreeningOutcome.General, 4, 4)] // the plan, written knowing the screening, decides over it
    [InlineData(ScreeningOutcome.Watch, 2, 2)]
    [InlineData(ScreeningOutcome.Severe, 3, 3)]
    public void APlanDecidesOverAScreening(ScreeningOutcome outcome, int planLevel, int level)
    {
        Derive(screenings: [Screening(outcome)], plan: Plan(planLevel))!.Level.ShouldBe(level);
    }

    [Fact]
    public void AScreeningNeverLowersAnOpenCaseAndTheMostSeriousInstrumentCounts()
    {
        Derive(Case(CrisisGrade.General), [Screening(ScreeningOutcome.Watch)])!.Level.ShouldBe(2);
        Derive(Case(CrisisGrade.Watch), [Screening(ScreeningOutcome.General)])!.Level.ShouldBe(3);
        Derive(screenings: [Screening(ScreeningOutcome.Watch, "GAD-7"), Screening(ScreeningOutcome.General, "PHQ-9")])!.Level.ShouldBe(3);
    }

    [Fact]
    public void TheRowSaysWhyWhoAndWhenWithoutScoresAndTakesThePlansReviewDateFirst()
    {
        var both = Derive(Case(CrisisGrade.Severe, referral: true), [Screening(ScreeningOutcome.General)], Plan(2))!;
        both.Reasons.ShouldBe([LedgerReason.SevereOrMajorCase, LedgerReason.ActiveReferral, LedgerReason.Plan, LedgerReason.GeneralScreening]);
        both.ShouldSatisfyAllConditions(
            e => e.CaseId.ShouldBe("c1"), e => e.PlanOwner.ShouldBe("ts1-psych"), e => e.PlanReviewOn.ShouldBe(new DateOnly(2026, 12, 1)),
            e => e.CaseDeadline.ShouldBe(Deadline));

        var caseOnly = Derive(Case(CrisisGrade.General))!;
        caseOnly.Reasons.ShouldBe([LedgerReason.GeneralCase]);
        caseOnly.PlanReviewOn.ShouldBeNull();
        caseOnly.CaseDeadline.ShouldBe(Deadline);
    }

    [Fact]
    public void TheLedgerListsMostAttentionFirstAndEachStudentOnce()
    {
        var entries = LedgerDerivation.Derive(
            [new OpenCaseFact("a", "ca", "g1", CrisisGrade.General, false, null), new OpenCaseFact("b", "cb", "g2", CrisisGrade.Major, false, null)],
            [new ScreenedStudent("c", "g1", "PHQ-9", new DateOnly(2026, 10, 1), 5, ScreeningOutcome.Watch),
             new ScreenedStudent("a", "g1", "PHQ-9", new DateOnly(2026, 10, 1), 12, ScreeningOutcome.General)],
            [new PlanSummary("d", "g1", 3, "u", new DateOnly(2026, 12, 1), false)]);

        entries.Select(e => (e.StudentId, e.Level)).ShouldBe([("b", 1), ("a", 2), ("d", 3), ("c", 4)]);
    }
}
