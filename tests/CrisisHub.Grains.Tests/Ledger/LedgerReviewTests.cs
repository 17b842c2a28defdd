using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Grains.Audit;
using CrisisHub.Grains.Ledger;

namespace CrisisHub.Grains.Tests.Ledger;

/// <summary>Monthly reviews: the movement computed from the levels, kept in the school's chain, one per student per month.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerReviewTests(ClusterFixture fixture)
{
    private static string NewSchool() => $"ls-{Guid.NewGuid():N}"[..20];

    private static LedgerReview Review(string student, string month, int from, int to, string? note = "reason") =>
        new(student, "g1", month, from, to, LedgerMovement.Unchanged, note, "ts1-psych", default);

    [Theory]
    [InlineData(3, 3, LedgerMovement.Unchanged)]
    [InlineData(3, 2, LedgerMovement.Raised)]
    [InlineData(4, 1, LedgerMovement.Raised)]
    [InlineData(0, 4, LedgerMovement.Raised)] // put on the ledger
    [InlineData(2, 3, LedgerMovement.Lowered)]
    [InlineData(4, 0, LedgerMovement.Lowered)] // taken off the ledger
    [InlineData(0, 0, LedgerMovement.Unchanged)]
    public void TheMovementIsMeasuredTowardsLevelOne(int from, int to, LedgerMovement movement)
    {
        LedgerMovements.Between(from, to).ShouldBe(movement);
    }

    [Fact]
    public async Task AReviewIsChainedWithTheMovementTheGrainComputesAndReadBackByMonth()
    {
        var school = NewSchool();
        var ledger = fixture.Grains.GetGrain<ISchoolLedgerGrain>(school);

        // The caller's movement is not trusted: the grain derives it from the levels, and stamps the time itself.
        var raised = await ledger.RecordReviewAsync(Review("s1", "2026-11", 3, 2) with { Movement = LedgerMovement.Lowered });
        raised.Movement.ShouldBe(LedgerMovement.Raised);
        raised.ReviewedAt.ShouldBe(fixture.Clock.GetUtcNow());
        await ledger.RecordReviewAsync(Review("s2", "2026-11", 4, 4, note: null));
        await ledger.RecordReviewAsync(Review("s1", "2026-12", 2, 3));

        (await ledger.ReviewsAsync("2026-11")).Select(r => (r.StudentId, r.Movement)).ShouldBe([("s1", LedgerMovement.Raised), ("s2", LedgerMovement.Unchanged)]);
        (await ledger.ReviewsAsync("2026-12")).ShouldHaveSingleItem().Movement.ShouldBe(LedgerMovement.Lowered);
        (await ledger.ReviewsAsync("2026-10")).ShouldBeEmpty();
        (await ledger.LatestPerStudentAsync()).Select(r => (r.StudentId, r.Month)).OrderBy(p => p.StudentId).ShouldBe([("s1", "2026-12"), ("s2", "2026-11")]);

        // In the audit log's stream, as an intact chain the next activation reads back.
        var records = await fixture.AuditLog.ReadAsync(SchoolLedgerGrain.StreamOf(school));
        records.Count.ShouldBe(3);
        AuditChain.Verify(records, AuditHead.Of(records[^1])).Intact.ShouldBeTrue();
        records.ShouldAllBe(r => r.Action == SchoolLedgerGrain.ReviewedAction && r.ActorId == "ts1-psych");
    }

    [Fact]
    public async Task ASecondReviewOfAStudentInAMonthAndABadReviewAreRefused()
    {
        var ledger = fixture.Grains.GetGrain<ISchoolLedgerGrain>(NewSchool());
        await ledger.RecordReviewAsync(Review("s1", "2026-11", 3, 3));

        (await Should.ThrowAsync<DomainRuleException>(() => ledger.RecordReviewAsync(Review("s1", "2026-11", 3, 2)))).Kind.ShouldBe(RuleKind.Conflict);
        var bad = await Should.ThrowAsync<DomainRuleException>(() => ledger.RecordReviewAsync(Review("s2", "Nov 2026", 3, 7, note: " ")));
        bad.Kind.ShouldBe(RuleKind.Invalid);
        bad.Errors.Keys.ShouldBe(["month", "toLevel"], ignoreOrder: true);
        // Raising or lowering needs a note saying why.
        (await Should.ThrowAsync<DomainRuleException>(() => ledger.RecordReviewAsync(Review("s3", "2026-11", 3, 2, note: ""))))
            .Errors.Keys.ShouldBe(["note"]);
        (await ledger.ReviewsAsync("2026-11")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task TheDistrictsLevelLabelsAreTheDefaultsUntilSetAndMustBeFourWithWords()
    {
        var settings = fixture.Grains.GetGrain<ILedgerSettingsGrain>(NewSchool());
        var labels = await settings.GetLabelsAsync();
        labels.ZhCn.ShouldBe(LedgerLevelLabels.Default.ZhCn);
        labels.En.ShouldBe(LedgerLevelLabels.Default.En);

        var bad = await Should.ThrowAsync<DomainRuleException>(() => settings.SetLabelsAsync(new(["一", "二", "三"], ["a", "b", " ", "d"])));
        bad.Errors.Keys.ShouldBe(["zhCn", "en"], ignoreOrder: true);

        await settings.SetLabelsAsync(new([" 红 ", "橙", "黄", "蓝"], ["Red", "Orange", "Yellow", "Blue"]));
        (await settings.GetLabelsAsync()).ZhCn.ShouldBe(["红", "橙", "黄", "蓝"]);
    }
}
