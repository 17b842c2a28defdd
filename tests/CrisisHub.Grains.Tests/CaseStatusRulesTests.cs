using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Cases;

namespace CrisisHub.Grains.Tests;

/// <summary>The case's status as a table of its facts: no cluster, no clock.</summary>
public sealed class CaseStatusRulesTests
{
    [Theory]
    // closed, latest referral, action recorded, acknowledged since raised → status
    [InlineData(false, null, false, false, CaseStatus.Open)]
    [InlineData(false, null, false, true, CaseStatus.Acknowledged)]
    [InlineData(false, null, true, false, CaseStatus.InIntervention)]
    [InlineData(false, null, true, true, CaseStatus.InIntervention)]
    [InlineData(false, ReferralStatus.Requested, false, false, CaseStatus.Referred)]
    [InlineData(false, ReferralStatus.Received, true, true, CaseStatus.Referred)]
    [InlineData(false, ReferralStatus.Accepted, true, true, CaseStatus.Referred)]
    [InlineData(false, ReferralStatus.StudentInTransit, true, true, CaseStatus.Referred)]
    [InlineData(false, ReferralStatus.Arrived, true, true, CaseStatus.InTreatment)]
    [InlineData(false, ReferralStatus.Evaluated, true, true, CaseStatus.InTreatment)]
    [InlineData(false, ReferralStatus.Admitted, true, true, CaseStatus.InTreatment)]
    [InlineData(false, ReferralStatus.Outpatient, true, true, CaseStatus.InTreatment)]
    [InlineData(false, ReferralStatus.Discharged, true, true, CaseStatus.InTreatment)]
    [InlineData(false, ReferralStatus.ReturnClearance, true, true, CaseStatus.InTreatment)]
    [InlineData(false, ReferralStatus.Completed, true, true, CaseStatus.ReturnedToSchool)]
    [InlineData(false, ReferralStatus.Declined, false, false, CaseStatus.InIntervention)]
    [InlineData(false, ReferralStatus.Cancelled, false, true, CaseStatus.InIntervention)]
    [InlineData(false, ReferralStatus.Failed, true, false, CaseStatus.InIntervention)]
    [InlineData(true, null, false, false, CaseStatus.Closed)]
    [InlineData(true, ReferralStatus.Completed, true, true, CaseStatus.Closed)]
    [InlineData(true, ReferralStatus.Declined, true, false, CaseStatus.Closed)]
    public void StatusFollowsFromTheFacts(bool closed, ReferralStatus? latestReferral, bool actionRecorded, bool acknowledged, CaseStatus expected) =>
        CaseStatusRules.Derive(new CaseFacts(closed, latestReferral, actionRecorded, acknowledged)).ShouldBe(expected);

    [Fact]
    public void EveryReferralStatusGivesACaseStatusBeyondAcknowledged()
    {
        // A new referral status must be placed deliberately, not fall into Referred by accident of the default arm.
        foreach (var referral in Enum.GetValues<ReferralStatus>())
            CaseStatusRules.Derive(new CaseFacts(false, referral, false, false)).ShouldBeOneOf(
                CaseStatus.InIntervention, CaseStatus.Referred, CaseStatus.InTreatment, CaseStatus.ReturnedToSchool);
    }

    [Fact]
    public void TheLatestReferralDecidesNotTheFirst()
    {
        var state = new StudentCaseState();
        state.Referrals.Add(Link(ReferralStatus.Declined));
        state.Referrals.Add(Link(ReferralStatus.Arrived));
        CaseStatusRules.Derive(CaseFacts.Of(state)).ShouldBe(CaseStatus.InTreatment);
    }

    [Fact]
    public void FactsAreReadFromTheStoredState()
    {
        var state = new StudentCaseState();
        CaseFacts.Of(state).ShouldBe(new CaseFacts(false, null, false, false));
        state.Escalation.AcknowledgedSinceRaised = true;
        state.Actions.Add(new CaseActionView(default, null, "t1", "T", DateTimeOffset.UnixEpoch));
        state.ClosedAt = DateTimeOffset.UnixEpoch;
        CaseFacts.Of(state).ShouldBe(new CaseFacts(true, null, true, true));
    }

    private static ReferralLink Link(ReferralStatus status) =>
        new()
        {
            Summary = new ReferralSummary("c-R1", "c", "h", "H", "S*", 15, "School", CrisisGrade.Severe, status,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, false, false, 1),
        };
}
