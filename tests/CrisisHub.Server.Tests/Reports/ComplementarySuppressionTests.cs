using CrisisHub.Server.Reports;

namespace CrisisHub.Server.Tests.Reports;

/// <summary>A suppressed cell beside a shown total and shown siblings is recovered by subtraction: the rule hides a second.</summary>
public sealed class ComplementarySuppressionTests
{
    private static Figure C(int n) => Figure.Count(n);

    private static string Shown(IEnumerable<Figure?> figures) => string.Join(" ", figures.Select(f => f?.ToString() ?? "-"));

    [Theory]
    // One hidden part, a shown total: the smallest shown part is hidden too.
    [InlineData(new[] { 8, 4, 0 }, 12, "<5 <5 0", "12")]
    [InlineData(new[] { 20, 3, 9 }, 32, "20 <5 <5", "32")]
    // One hidden part and nothing else to hide: the total goes.
    [InlineData(new[] { 0, 3, 0 }, 3, "0 <5 0", "<5")]
    [InlineData(new[] { 3, 0 }, 7, "<5 0", "<5")]
    // Two hidden already: the total tells only their sum.
    [InlineData(new[] { 8, 3, 2 }, 13, "8 <5 <5", "13")]
    // None hidden: nothing to protect.
    [InlineData(new[] { 8, 6 }, 14, "8 6", "14")]
    public void OneHiddenPartOfAShownTotalIsNeverLeftAlone(int[] parts, int total, string expectedParts, string expectedTotal)
    {
        var (safe, safeTotal) = ComplementarySuppression.Group([.. parts.Select(C)], C(total));

        Shown(safe).ShouldBe(expectedParts);
        safeTotal.ToString().ShouldBe(expectedTotal);
    }

    [Fact]
    public void TheDistrictRowCannotBeUsedToRecoverASchoolsSuppressedCount()
    {
        static DistrictSchoolRow Row(string id, int flags, int referrals) => new(id, id, "", C(flags),
            new() { ["Teacher"] = C(flags) }, new() { ["General"] = C(flags) }, C(flags), C(0), C(0), C(0), C(0), C(0), C(referrals),
            C(0), C(0), C(0), null, null, C(0), C(0), C(0));
        var report = new DistrictMonthReport("2026-11", "d", "D", [Row("a", 20, 3), Row("b", 9, 12), Row("c", 30, 0)], Row("d", 59, 15));

        var safe = ComplementarySuppression.Apply(report);

        Shown(safe.Schools.Select(s => s.ReferralsRequested)).ShouldBe("<5 <5 0", "a's 3 would be 15 − 12");
        safe.District.ReferralsRequested.ToString().ShouldBe("15");
        Shown(safe.Schools.Select(s => s.Flags)).ShouldBe("20 9 30", "no school's flags are small");
    }
}
