using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Tests;

/// <summary>The green channel's rules as a table: the views carry these answers to the pages.</summary>
public sealed class ReferralRulesTests
{
    private static ReferralSummary Referral(ReferralStatus status) => new("c-R1", "c", "h", "H", "张*", 15, "S", CrisisGrade.Severe, status,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, false, false, 1);

    [Theory]
    // case status, grade, latest referral's status (null: none) → may refer
    [InlineData(CaseStatus.Acknowledged, CrisisGrade.Severe, null, true)]
    [InlineData(CaseStatus.Open, CrisisGrade.Major, null, true)]
    [InlineData(CaseStatus.Open, CrisisGrade.General, null, false)]
    [InlineData(CaseStatus.Open, CrisisGrade.Watch, null, false)]
    [InlineData(CaseStatus.Closed, CrisisGrade.Major, null, false)]
    [InlineData(CaseStatus.Referred, CrisisGrade.Major, ReferralStatus.Requested, false)]
    [InlineData(CaseStatus.InTreatment, CrisisGrade.Major, ReferralStatus.Admitted, false)]
    [InlineData(CaseStatus.InIntervention, CrisisGrade.Severe, ReferralStatus.Declined, true)]
    [InlineData(CaseStatus.InIntervention, CrisisGrade.Severe, ReferralStatus.Cancelled, true)]
    [InlineData(CaseStatus.InIntervention, CrisisGrade.Severe, ReferralStatus.Failed, true)]
    [InlineData(CaseStatus.ReturnedToSchool, CrisisGrade.Severe, ReferralStatus.Completed, true)]
    public void ACaseMayAskForAReferralOnlyWhenOpenGraveEnoughAndWithNoReferralUnderway(CaseStatus status, CrisisGrade grade, ReferralStatus? latest, bool expected)
    {
        ReferralSummary[] referrals = latest is { } s ? [Referral(s)] : [];

        ReferralRules.CanRefer(status, grade, referrals).ShouldBe(expected);
    }

    [Fact]
    public void TheStatusesThatEndAReferralAreTheOnesThatAreNotOpen()
    {
        Enum.GetValues<ReferralStatus>().Where(ReferralRules.Ends)
            .ShouldBe([ReferralStatus.Declined, ReferralStatus.Completed, ReferralStatus.Cancelled, ReferralStatus.Failed], ignoreOrder: true);
    }
}
