using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Screening;
using CrisisHub.Grains.Audit;

namespace CrisisHub.Grains.Tests;

/// <summary>
/// The daily anchor on the grain clock, and a district's verification against it. The anchor stream is the installation's,
/// shared with every other test here, so these tests count the anchors they add and look at their own district only.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditAnchorJobTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private IAuditAnchorGrain Job => _grains.GetGrain<IAuditAnchorGrain>(AuditAnchors.GrainKey);

    /// <summary>
    /// A case that only the test moves: closed, so no deadline escalates it (and appends to its chain) while the test
    /// advances the clock by a day — which would race the anchor the test is checking.
    /// </summary>
    private async Task<(TestNetwork Net, string Chain)> OpenCaseAsync()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        var caseId = (await _grains.GetGrain<IStudentGrain>(net.Student).SubmitFlagAsync(net.Flag(CrisisGrade.General, ObservedSign.Distress))).CaseId;
        var @case = _grains.GetGrain<IStudentCaseGrain>(caseId);
        await @case.ReadAsync(TestNetwork.HeadTeacher);
        await @case.CloseAsync(TestNetwork.HeadTeacher, "resolved");
        return (net, AuditAnchors.CaseChain(caseId));
    }

    private async Task<List<AuditAnchor>> AnchorsAsync() =>
        [.. (await fixture.AuditLog.ReadAsync(AuditAnchors.Stream)).Select(r => System.Text.Json.JsonSerializer.Deserialize<AuditAnchor>(r.After!,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!)];

    /// <summary>Brings the job to "just anchored": a day on from whatever anchor came last, then one anchor.</summary>
    private async Task<AuditAnchor> AnchorNowAsync()
    {
        fixture.Clock.Advance(AuditAnchorGrain.Period);
        await Job.AnchorIfDueAsync();
        return (await AnchorsAsync())[^1];
    }

    [Fact]
    public async Task TheReminderAnchorsOnlyAtNight()
    {
        await OpenCaseAsync();
        await AnchorNowAsync();
        var reminder = Job.AsReference<IRemindable>();
        Task TickAsync() => reminder.ReceiveReminder(AuditAnchorGrain.ReminderName, default);

        // A day on, at 07:00 UTC (15:00 in China): due, but the school day; the tick does nothing.
        fixture.Clock.Advance(AuditAnchorGrain.Period);
        var untilSeven = TimeSpan.FromHours(7) - fixture.Clock.GetUtcNow().UtcDateTime.TimeOfDay;
        fixture.Clock.Advance(untilSeven < TimeSpan.Zero ? untilSeven + TimeSpan.FromDays(1) : untilSeven);
        DailyJobWindow.IsOpen(fixture.Clock.GetUtcNow()).ShouldBeFalse();
        var before = (await AnchorsAsync()).Count;
        await TickAsync();
        (await AnchorsAsync()).Count.ShouldBe(before);

        // 18:00 UTC (02:00 in China): the window is open, and the due anchor is made.
        fixture.Clock.Advance(TimeSpan.FromHours(11));
        DailyJobWindow.IsOpen(fixture.Clock.GetUtcNow()).ShouldBeTrue();
        await TickAsync();
        (await AnchorsAsync()).Count.ShouldBe(before + 1);
    }

    [Theory]
    [InlineData(17, 59, false)]
    [InlineData(18, 0, true)]
    [InlineData(20, 59, true)]
    [InlineData(21, 0, false)]
    [InlineData(8, 0, false)]
    public void TheDailyJobsWindowIsTwoToFiveAtNightInChina(int hourUtc, int minute, bool open) =>
        DailyJobWindow.IsOpen(new DateTimeOffset(2026, 11, 30, hourUtc, minute, 0, TimeSpan.Zero)).ShouldBe(open);

    [Fact]
    public async Task TheJobAnchorsEveryMovedChainOnceADayHasPassedOnTheGrainClockAndNotBefore()
    {
        var (net, chain) = await OpenCaseAsync();
        var first = await AnchorNowAsync();
        var head = (await fixture.AuditLog.LastAsync(chain))!;
        first.Heads.ShouldContain(new AnchoredHead(chain, net.District, head.Sequence, head.Hash));
        first.At.ShouldBe(fixture.Clock.GetUtcNow());
        first.KeyId.ShouldBe(fixture.AnchorKeys.CurrentKeyId);
        fixture.AnchorKeys.Problem(first).ShouldBeNull();
        var count = (await AnchorsAsync()).Count;

        await _grains.GetGrain<IStudentCaseGrain>(chain[AuditAnchors.CasePrefix.Length..]).ReadAsync(TestNetwork.HeadTeacher);
        fixture.Clock.Advance(AuditAnchorGrain.Period - TimeSpan.FromMinutes(1));
        (await Job.AnchorIfDueAsync()).ShouldBeNull("a day has not passed");
        (await AnchorsAsync()).Count.ShouldBe(count);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await Job.AnchorIfDueAsync();

        var anchors = await AnchorsAsync();
        anchors.Count.ShouldBe(count + 1);
        var moved = (await fixture.AuditLog.LastAsync(chain))!;
        anchors[^1].Heads.Where(h => h.Chain == chain).ShouldBe([new AnchoredHead(chain, net.District, moved.Sequence, moved.Hash)]);
        anchors[^1].At.ShouldBe(fixture.Clock.GetUtcNow());
    }

    [Fact]
    public async Task AnUnchangedChainIsNotAnchoredAgain()
    {
        var (_, chain) = await OpenCaseAsync();
        (await AnchorNowAsync()).Heads.Select(h => h.Chain).ShouldContain(chain);

        (await AnchorNowAsync()).Heads.Select(h => h.Chain).ShouldNotContain(chain);
    }

    [Fact]
    public async Task TheDistrictsAdminChainIsAnchoredBesideItsCases()
    {
        var (net, _) = await OpenCaseAsync();
        var record = await _grains.GetGrain<IAdminAuditGrain>(net.District).AppendAsync(
            new AdminChange(TestNetwork.HeadTeacher, AdminAuditActions.NodeDefined, $"node:{net.Class}", null, "{}"));

        var anchor = await AnchorNowAsync();

        anchor.Heads.ShouldContain(new AnchoredHead(AuditAnchors.AdminChain(net.District), net.District, record.Sequence, record.Hash));
    }

    [Fact]
    public async Task AStudentsScreeningResultsAndTheSchoolsLedgerAreAnchoredInTheirDistrict()
    {
        var net = await TestNetwork.CreateAsync(_grains);
        await _grains.GetGrain<IStudentScreeningsGrain>(net.Student).RecordAsync(
            [new ScreeningResult(net.Student, net.School, net.Grade, "phq-9", new DateOnly(2026, 10, 12), [0, 0, 0, 0, 0, 0, 0, 0, 1], 1, ScreeningOutcome.Severe, "Item 9", "f", 2)],
            TestNetwork.HeadTeacher);
        await _grains.GetGrain<ISchoolLedgerGrain>(net.School).RecordReviewAsync(
            new LedgerReview(net.Student, net.Grade, "2026-10", 2, 2, LedgerMovement.Unchanged, "steady", "psych-1", default));

        var anchor = await AnchorNowAsync();

        var screening = (await fixture.AuditLog.LastAsync(AuditAnchors.ScreeningPrefix + net.Student))!;
        var ledger = (await fixture.AuditLog.LastAsync(AuditAnchors.LedgerPrefix + net.School))!;
        anchor.Heads.ShouldContain(new AnchoredHead(AuditAnchors.ScreeningPrefix + net.Student, net.District, screening.Sequence, screening.Hash));
        anchor.Heads.ShouldContain(new AnchoredHead(AuditAnchors.LedgerPrefix + net.School, net.District, ledger.Sequence, ledger.Hash));
    }

    [Fact]
    public async Task VerificationReportsTheTruncatedCaseOfItsDistrictAndOnlyIt()
    {
        var (net, cut) = await OpenCaseAsync();
        var kept = await OpenCaseInAsync(net);
        await _grains.GetGrain<IStudentCaseGrain>(cut[AuditAnchors.CasePrefix.Length..]).ReadAsync(TestNetwork.HeadTeacher);
        await AnchorNowAsync();
        var verifier = _grains.GetGrain<IAuditVerificationGrain>(net.District);
        (await verifier.VerifyAsync()).Problems.ShouldBeEmpty();

        var last = (await fixture.AuditLog.LastAsync(cut))!.Sequence;
        await fixture.TruncateAsync(cut, last - 1);

        var report = await verifier.VerifyAsync();
        report.Problems.Select(p => (p.Chain, p.Status)).ShouldBe([(cut, ChainStatus.Truncated)]);
        report.Problems[0].AnchoredSequence.ShouldBe(last);
        report.Problems[0].LogSequence.ShouldBe(last - 2);
        report.ChainCount.ShouldBe(2);
        report.Counts.ShouldBe(new ChainCounts(1, 0, 1, 0, 0));
        report.Intact.ShouldBeFalse();
        report.Problems.Select(p => p.Chain).ShouldNotContain(kept);
    }

    private async Task<string> OpenCaseInAsync(TestNetwork net)
    {
        var second = $"{net.Student}-b";
        await _grains.GetGrain<IStudentGrain>(second).RegisterAsync(new StudentRecord(second, "李小红", "2026002", 15, net.Class, net.Room, []));
        var flag = net.Flag(CrisisGrade.General, ObservedSign.Distress) with { StudentId = second };
        return AuditAnchors.CaseChain((await _grains.GetGrain<IStudentGrain>(second).SubmitFlagAsync(flag)).CaseId);
    }
}
