using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Ledger;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Contracts.Reports;
using CrisisHub.Contracts.Screening;
using CrisisHub.Server.Reports;

namespace CrisisHub.Server.Tests.Reports;

/// <summary>
/// A hand-built November 2026 of school "s" whose true figures are worked out in the comments, so every number the
/// report shows is checked against arithmetic done by hand, month edges (China time) included.
/// </summary>
public sealed class MonthlyFiguresTests
{
    private static readonly ReportMonth November = new(2026, 11);
    private static DateTimeOffset Cst(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));
    private static DateTimeOffset Nov(int day, int hour, int minute = 0) => Cst(11, day, hour, minute);

    private static AlertFact Raised(DateTimeOffset at, CrisisGrade grade, TimeSpan within) =>
        new(AlertFactKind.Raised, at, grade, 0, 0, [NetworkLevel.Class], at + within);
    private static AlertFact Escalated(DateTimeOffset at, CrisisGrade grade, int step, NetworkLevel level) =>
        new(AlertFactKind.Escalated, at, grade, step, 0, [level], at + TimeSpan.FromMinutes(15));
    private static AlertFact Acknowledged(DateTimeOffset at, CrisisGrade grade, int step, params NetworkLevel[] levels) =>
        new(AlertFactKind.Acknowledged, at, grade, step, 0, levels, null);
    private static FlagFact Flag(FlagSource source, CrisisGrade grade, DateTimeOffset at) => new(source, grade, at);
    private static CaseReportFacts Case(string id, CrisisGrade grade, FlagFact[] flags, AlertFact[] alerts) =>
        new(id, "s", "g1", grade, flags.Min(f => f.SubmittedAt), null, flags, alerts, []);
    private static ReferralDeadlineView Deadline(string name, ReferralStatus? reach, DateTimeOffset due, DateTimeOffset? met, bool missed = false) =>
        new(name, reach, due, met, missed);

    private static MonthInputs Month()
    {
        CaseReportFacts[] cases =
        [
            // A, General: two flags; acknowledged at the class after 30 minutes, within the 4-hour first step.
            Case("A", CrisisGrade.General, [Flag(FlagSource.Monitor, CrisisGrade.General, Nov(3, 10)), Flag(FlagSource.Teacher, CrisisGrade.General, Nov(3, 11))],
                [Raised(Nov(3, 10), CrisisGrade.General, TimeSpan.FromHours(4)), Acknowledged(Nov(3, 10, 30), CrisisGrade.General, 0, NetworkLevel.Class)]),
            // B, Severe: nobody at the class within 15 minutes; escalated to the grade, acknowledged there after 20 minutes (late).
            Case("B", CrisisGrade.Severe, [Flag(FlagSource.Screening, CrisisGrade.Severe, Nov(10, 9))],
                [Raised(Nov(10, 9), CrisisGrade.Severe, TimeSpan.FromMinutes(15)), Escalated(Nov(10, 9, 15), CrisisGrade.Severe, 1, NetworkLevel.Grade),
                 Acknowledged(Nov(10, 9, 20), CrisisGrade.Severe, 1, NetworkLevel.Grade)]),
            // C, Severe: acknowledged at the class after 10 minutes.
            Case("C", CrisisGrade.Severe, [Flag(FlagSource.Hotline, CrisisGrade.Severe, Nov(12, 14))],
                [Raised(Nov(12, 14), CrisisGrade.Severe, TimeSpan.FromMinutes(15)), Acknowledged(Nov(12, 14, 10), CrisisGrade.Severe, 0, NetworkLevel.Class)]),
            // D, Major: raised and acknowledged on 31 October local time (in UTC both fall on the 31st too): October's. Its second
            // flag came 10 past midnight on 1 November local time, still 31 October in UTC: November's.
            Case("D", CrisisGrade.Major, [Flag(FlagSource.MissingStudentReport, CrisisGrade.Major, Cst(10, 31, 23, 30)),
                    Flag(FlagSource.MissingStudentReport, CrisisGrade.Major, Nov(1, 0, 10))],
                [Raised(Cst(10, 31, 23, 30), CrisisGrade.Major, TimeSpan.FromMinutes(5)), Acknowledged(Nov(1, 0, 5), CrisisGrade.Major, 0, NetworkLevel.Class)]),
            // E, Major: escalated twice and exhausted, never acknowledged.
            Case("E", CrisisGrade.Major, [Flag(FlagSource.Monitor, CrisisGrade.Major, Nov(20, 8))],
                [Raised(Nov(20, 8), CrisisGrade.Major, TimeSpan.FromMinutes(5)), Escalated(Nov(20, 8, 5), CrisisGrade.Major, 1, NetworkLevel.Grade),
                 Escalated(Nov(20, 8, 10), CrisisGrade.Major, 2, NetworkLevel.School),
                 new AlertFact(AlertFactKind.Exhausted, Nov(20, 8, 15), CrisisGrade.Major, 2, 0, [NetworkLevel.School], Nov(20, 8, 15))]),
            // F, General: acknowledged at the class after 90 minutes, within 4 hours.
            Case("F", CrisisGrade.General, [Flag(FlagSource.DormitoryInformant, CrisisGrade.General, Nov(25, 20))],
                [Raised(Nov(25, 20), CrisisGrade.General, TimeSpan.FromHours(4)), Acknowledged(Nov(25, 21, 30), CrisisGrade.General, 0, NetworkLevel.Class)]),
        ];
        ReferralReportFacts[] referrals =
        [
            // R1 (B): accepted in time, evaluated an hour late; caring contact in time; check-in 1 on the minute, 2 missed, 3 due in December.
            new("R1", "B", CrisisGrade.Severe, ReferralStatus.Completed, Nov(10, 9, 30),
            [
                Deadline("Accepted", ReferralStatus.Accepted, Nov(10, 11, 30), Nov(10, 10, 30)),
                Deadline("Evaluated", ReferralStatus.Evaluated, Nov(11, 9), Nov(11, 10)),
                Deadline("CaringContact", null, Nov(15, 9), Nov(14, 16)),
                Deadline("CheckIn1", null, Nov(22, 9), Nov(22, 9)),
                Deadline("CheckIn2", null, Nov(29, 9), null, missed: true),
                Deadline("CheckIn3", null, Cst(12, 6, 9), null),
            ]),
            // R2 (C): requested in October and cancelled; its one deadline falls in November but was never settled.
            new("R2", "C", CrisisGrade.Severe, ReferralStatus.Cancelled, Cst(10, 28, 9), [Deadline("Accepted", ReferralStatus.Accepted, Nov(2, 9), null)]),
            // R3 (E): accepted in time.
            new("R3", "E", CrisisGrade.Major, ReferralStatus.Accepted, Nov(20, 8, 20), [Deadline("Accepted", ReferralStatus.Accepted, Nov(20, 8, 50), Nov(20, 8, 40))]),
        ];
        LedgerReview Review(string month, LedgerMovement movement) => new("x", "g1", month, 2, 2, movement, null, "psych", Nov(28, 15));
        BreakGlassUse Use(string id, string school, DateTimeOffset at, BreakGlassOutcome? outcome) => new(id, "A", "x", school, "d", CrisisGrade.Major,
            "u", "U", "HeadTeacher", "reason", at, at.AddHours(1), outcome is { } o ? new BreakGlassReview("p", "SchoolPsychologist", o, "c", at.AddDays(1)) : null);
        ScreenedStudent Screened(string student, string grade, string instrument) => new(student, grade, instrument, new DateOnly(2026, 11, 5), 3, default);
        return new MonthInputs(November, "s", "School S",
            [new GradeEnrolment("g1", "Grade one", 4), new GradeEnrolment("g2", "Grade two", 5)],
            cases, referrals,
            [Review("2026-11", LedgerMovement.Raised), Review("2026-11", LedgerMovement.Raised), Review("2026-11", LedgerMovement.Lowered),
             Review("2026-11", LedgerMovement.Unchanged), Review("2026-10", LedgerMovement.Lowered)],
            [Use("u1", "s", Nov(5, 2), BreakGlassOutcome.Justified), Use("u2", "s", Nov(6, 3), null), Use("u3", "other", Nov(7, 3), null),
             Use("u4", "s", Cst(10, 30, 3), BreakGlassOutcome.NotJustified)],
            [Screened("a", "g1", "phq9"), Screened("a", "g1", "gad7"), Screened("b", "g1", "phq9"), Screened("c", "g2", "phq9")]);
    }

    [Fact]
    public void FlagsAreCountedInTheMonthTheyWereSubmittedInChinaTimeBySourceAndGrade()
    {
        var f = MonthlyFigures.Compute(Month()).Flags;

        // A×2, B, C, D's second flag, E, F.
        f.Total.ShouldBe(7);
        f.BySource.ToDictionary(t => t.Key, t => t.Count).ShouldBe(new Dictionary<string, int>
        {
            ["Monitor"] = 2, ["DormitoryInformant"] = 1, ["Teacher"] = 1, ["Screening"] = 1, ["OnlineMonitoring"] = 0, ["Hotline"] = 1,
            ["MissingStudentReport"] = 1, ["PoliceNotice"] = 0, ["HospitalNotice"] = 0,
        });
        f.ByGrade.ToDictionary(t => t.Key, t => t.Count).ShouldBe(new Dictionary<string, int> { ["Watch"] = 0, ["General"] = 3, ["Severe"] = 2, ["Major"] = 2 });
    }

    [Fact]
    public void TimeToFirstAcknowledgementIsTheMedianAndNearestRankP90PerGradeAndOverall()
    {
        var a = MonthlyFigures.Compute(Month()).Alerts;
        var byGrade = a.ByGrade.ToDictionary(g => g.Grade!.Value);

        // General: A 30, F 90.
        byGrade[CrisisGrade.General].ShouldBe(new AlertGradeFigures(CrisisGrade.General, 2, 2, 60, 90, new OnTime(2, 2, 1.0), 0, 0, 0));
        // Severe: B 20 (late, escalated once), C 10.
        byGrade[CrisisGrade.Severe].ShouldBe(new AlertGradeFigures(CrisisGrade.Severe, 2, 2, 15, 20, new OnTime(2, 1, 0.5), 1, 1, 0));
        // Major: D was raised in October; E escalated twice and was exhausted unacknowledged.
        byGrade[CrisisGrade.Major].ShouldBe(new AlertGradeFigures(CrisisGrade.Major, 1, 0, null, null, new OnTime(1, 0, 0.0), 2, 1, 1));
        // All: 10, 20, 30, 90 → median 25, P90 the 4th of 4; A, C and F in time of 5 raised.
        a.All.ShouldBe(new AlertGradeFigures(null, 5, 4, 25, 90, new OnTime(5, 3, 0.6), 3, 2, 1));
        a.AcknowledgedAtLevel.ShouldBe([new Tally("Class", 3), new Tally("Grade", 1)]);
    }

    [Fact]
    public void ReferralsCountByOutcomeAndDeadlinesCountWhenDueAndSettledInTheMonth()
    {
        var f = MonthlyFigures.Compute(Month());

        f.Referrals.Requested.ShouldBe(2);
        f.Referrals.ByOutcome.ShouldBe([new Tally("Accepted", 1), new Tally("Completed", 1)]);
        // R1 accepted in time, R1 evaluated late, R3 accepted in time; R2's was never settled.
        f.Referrals.GreenChannelSteps.ShouldBe(new OnTime(3, 2, 2.0 / 3));
        f.FollowUp.CaringContacts.ShouldBe(new OnTime(1, 1, 1.0));
        // Check-in 1 met on its deadline (in time), check-in 2 missed, check-in 3 due in December.
        f.FollowUp.CheckIns.ShouldBe(new OnTime(2, 1, 0.5));
    }

    [Fact]
    public void LedgerBreakGlassAndCoverageAreTheSchoolsOwnForTheMonth()
    {
        var f = MonthlyFigures.Compute(Month());

        f.Ledger.ShouldBe(new LedgerFigures(4, 2, 1, 1));
        f.BreakGlass.ShouldBe(new BreakGlassFigures(2, 1, 1, 0, 1));
        f.Coverage.ByGrade.ShouldBe([new GradeCoverage("g1", "Grade one", 4, 2, 0.5), new GradeCoverage("g2", "Grade two", 5, 1, 0.2)]);
        (f.Coverage.Enrolled, f.Coverage.Screened, f.Coverage.Share).ShouldBe((9, 3, 3.0 / 9));
        MonthlyFigures.Compute(Month() with { LedgerReviews = null }).Ledger.ShouldBeNull("no ledger kept is not the same as no movement");
    }

    [Fact]
    public void TheMonthIsChinaTimeAndOnlyYyyyMmIsAMonth()
    {
        November.Start.ShouldBe(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero));
        November.End.ShouldBe(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        ReportMonth.Parse("2026-11").ShouldBe(November);
        ReportMonth.Parse("2026-1").ShouldBeNull();
        ReportMonth.Parse("2026-13").ShouldBeNull();
        ReportMonth.Parse("11/2026").ShouldBeNull();
        ReportMonth.Parse(null).ShouldBeNull();
        ReportMonth.Of(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)).ShouldBe(new ReportMonth(2026, 12));
    }

    [Fact]
    public void DistrictFiguresSuppressCountsOfOneToFourAndAnythingDerivedFromThem()
    {
        Figure.Count(0).ShouldBe(new Figure(0, false));
        Figure.Count(4).ShouldBe(new Figure(null, true));
        Figure.Count(5).ShouldBe(new Figure(5, false));
        Figure.Share(2, 30).Suppressed.ShouldBeTrue("two students out of thirty are two students");
        Figure.Share(5, 4).Suppressed.ShouldBeTrue("a denominator under 5");
        Figure.Share(0, 10).ShouldBe(new Figure(0, false));
        Figure.Share(5, 10).ShouldBe(new Figure(0.5, false));
        Figure.Share(9, 10).Suppressed.ShouldBeTrue("9 of 10 on time says 1 was late");
        Figure.Share(10, 10).ShouldBe(new Figure(1, false));
        Figure.Over(4, 12.5).Suppressed.ShouldBeTrue();
        Figure.Over(5, 12.5).ShouldBe(new Figure(12.5, false));

        var row = DistrictFigures.Row(MonthlyFigures.Compute(Month()), "/district.html?district=d&month=2026-11#school-s");

        row.Flags.ShouldBe(new Figure(7, false));
        row.FlagsBySource["Monitor"].Suppressed.ShouldBeTrue();
        row.FlagsBySource["OnlineMonitoring"].ShouldBe(new Figure(0, false));
        row.AlertsRaised.ShouldBe(new Figure(5, false));
        row.MedianMinutesToAcknowledge.Suppressed.ShouldBeTrue("a median over 4 alerts");
        row.AcknowledgedInTimeShare.Suppressed.ShouldBeTrue("3 of 5");
        row.LedgerRaised!.Suppressed.ShouldBeTrue();
        row.ScreeningCoverageShare.Suppressed.ShouldBeTrue("3 of 9");
        row.ReportLink.ShouldBe("/district.html?district=d&month=2026-11#school-s");
        ReportTable.Of(new DistrictMonthReport("2026-11", "d", "D", [row], row)).ToCsv().ShouldSatisfyAllConditions(
            csv => System.Text.Encoding.UTF8.GetString(csv).ShouldContain("School S,7,<5,"),
            csv => System.Text.Encoding.UTF8.GetString(csv).ShouldNotContain("Grade one"));
    }
}
