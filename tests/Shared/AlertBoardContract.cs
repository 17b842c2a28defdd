using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Wallboard;
using Shouldly;
using Xunit;

namespace CrisisHub.Testing;

/// <summary>What every alert board store promises, run against each of them (in memory, SQLite, Redis).</summary>
public abstract class AlertBoardContract
{
    protected abstract IAlertBoard Board { get; }

    /// <summary>A second handle on the same storage, as another process (or a restart) would have.</summary>
    protected abstract IAlertBoard Reopen();

    // Scopes unique to each test, so the Redis and SQLite stores can be shared by a class's tests.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private string Scope(string name) => $"{name}-{_run}";

    private AlertSummary Alert(string caseId, CrisisGrade grade = CrisisGrade.Severe, int openedMinute = 0, string school = "ts1", int flags = 1) =>
        new($"{caseId}-{_run}", "张*", school, $"{school}-g1-c1", grade, CaseStatus.Open, AlertState.Triggered, 0, 0, [Contracts.Network.NetworkLevel.Class],
            new DateTimeOffset(2030, 1, 1, 8, 15, 0, TimeSpan.Zero), false, flags, new DateTimeOffset(2030, 1, 1, 8, openedMinute, 0, TimeSpan.Zero),
            new DateTimeOffset(2030, 1, 1, 8, openedMinute, 0, TimeSpan.Zero), 0, null, 1);

    [Fact]
    public async Task TheOpenCaseCountTakesEachCaseOnWallboardsOnceByGradeAndLeavesOutInboxesAndTheCanary()
    {
        // The store may hold other tests' walls: compare the counts before and after.
        var before = await Board.OpenByGradeAsync();
        await Board.ApplyAsync(Alert("on-two-walls"), 1, [BoardScope.Wall(Scope("school")), BoardScope.Wall(Scope("district")), BoardScope.Inbox(Scope("class"))]);
        await Board.ApplyAsync(Alert("major", CrisisGrade.Major), 1, [BoardScope.Wall(Scope("school"))]);
        await Board.ApplyAsync(Alert("inbox-only"), 1, [BoardScope.Inbox(Scope("class"))]);
        await Board.ApplyAsync(Alert("canary"), 1, [BoardScope.Wall(Contracts.Network.SyntheticDistrict.SchoolId), BoardScope.Wall(Contracts.Network.SyntheticDistrict.Id)]);
        await Board.ApplyAsync(Alert("closed"), 1, [BoardScope.Wall(Scope("school"))]);
        await Board.ApplyAsync(Alert("closed"), 2, []);

        var after = await Reopen().OpenByGradeAsync();
        int Added(string grade) => (after.FirstOrDefault(c => c.Key == grade)?.Count ?? 0) - (before.FirstOrDefault(c => c.Key == grade)?.Count ?? 0);
        Added("Severe").ShouldBe(1);
        Added("Major").ShouldBe(1);
        after.Select(c => c.Key).ShouldBe(after.Select(c => Enum.Parse<CrisisGrade>(c.Key)).OrderByDescending(g => g).Select(g => g.ToString()), "most severe first");
    }

    [Fact]
    public async Task ACaseShowsAtExactlyTheScopesItIsOpenAtWithItsLatestSummary()
    {
        await Board.ApplyAsync(Alert("c1"), 1, [Scope("class"), Scope("school")]);
        await Board.ApplyAsync(Alert("c1", flags: 2), 2, [Scope("grade"), Scope("school")]);

        var school = await Reopen().ReadAsync([Scope("school")], 0, 10);
        school.Alerts.Single().FlagCount.ShouldBe(2);
        (await Reopen().ReadAsync([Scope("grade")], 0, 10)).Total.ShouldBe(1);
        (await Reopen().ReadAsync([Scope("class")], 0, 10)).Total.ShouldBe(0, "a scope the case left no longer shows it");
    }

    [Fact]
    public async Task AnOlderVersionArrivingLateChangesNothingAndAnEmptyScopeListTakesTheCaseOffEveryBoard()
    {
        await Board.ApplyAsync(Alert("c1", flags: 3), 3, [Scope("school")]);
        await Board.ApplyAsync(Alert("c1", flags: 2), 2, [Scope("school"), Scope("class")]);
        (await Board.ReadAsync([Scope("school"), Scope("class")], 0, 10)).Alerts.Single().FlagCount.ShouldBe(3);
        (await Board.ReadAsync([Scope("class")], 0, 10)).Total.ShouldBe(0);

        await Board.ApplyAsync(Alert("c1"), 4, []);
        await Board.ApplyAsync(Alert("c1"), 3, [Scope("school")]);
        (await Reopen().ReadAsync([Scope("school")], 0, 10)).Total.ShouldBe(0, "closed stays closed against a late retry");
    }

    [Fact]
    public async Task PagesAreMostSevereThenOldestFirstAndTheCountsCoverTheWholeBoardCountingACaseOnce()
    {
        await Board.ApplyAsync(Alert("general", CrisisGrade.General, 1), 1, [Scope("class"), Scope("school")]);
        await Board.ApplyAsync(Alert("severe-late", CrisisGrade.Severe, 9, "ts2"), 1, [Scope("school")]);
        await Board.ApplyAsync(Alert("severe-early", CrisisGrade.Severe, 2), 1, [Scope("class"), Scope("school")]);
        await Board.ApplyAsync(Alert("major", CrisisGrade.Major, 5), 1, [Scope("school")]);

        var all = await Board.ReadAsync([Scope("class"), Scope("school")], 0, 10);
        all.Alerts.Select(a => a.CaseId[..a.CaseId.LastIndexOf('-')]).ShouldBe(["major", "severe-early", "severe-late", "general"]);
        all.Total.ShouldBe(4);

        var page = await Reopen().ReadAsync([Scope("school")], 1, 2);
        page.Alerts.Select(a => a.CaseId[..a.CaseId.LastIndexOf('-')]).ShouldBe(["severe-early", "severe-late"]);
        page.Total.ShouldBe(4);
        page.ByGrade.ShouldBe([new BoardCount("Major", 1), new BoardCount("Severe", 2), new BoardCount("General", 1)]);
        page.BySchool.ShouldBe([new BoardCount("ts1", 3), new BoardCount("ts2", 1)]);
    }

    [Fact]
    public async Task TheCasesOnTheBoardsAreListedAndACaseTakenOffEveryBoardIsNot()
    {
        await Board.ApplyAsync(Alert("listed"), 1, [Scope("school")]);
        await Board.ApplyAsync(Alert("gone"), 1, [Scope("school")]);
        await Board.ApplyAsync(Alert("gone"), 2, []);

        var ids = await Reopen().CaseIdsAsync();

        ids.ShouldContain(Alert("listed").CaseId);
        ids.ShouldNotContain(Alert("gone").CaseId);
    }

    [Fact]
    public async Task ASummaryReadsBackWithEveryField()
    {
        var alert = Alert("full") with { Referral = null, UndeliveredTexts = 2, Exhausted = true, Round = 1, StepIndex = 2 };
        await Board.ApplyAsync(alert, 7, [Scope("school")]);

        (await Reopen().ReadAsync([Scope("school")], 0, 1)).Alerts.Single().ShouldBeEquivalentTo(alert);
    }
}
