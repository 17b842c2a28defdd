using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Grains.Cases;

/// <summary>The facts a case's status follows from; nothing else moves it.</summary>
/// <param name="Closed">Someone closed the case with a disposition.</param>
/// <param name="LatestReferral">Where the case's latest green-channel referral stands, or null when it never had one.</param>
/// <param name="ActionRecorded">Someone recorded an action (a talk, a call, a safety plan …) on the case.</param>
/// <param name="AcknowledgedSinceRaised">Someone acknowledged the alert since it was last raised.</param>
public sealed record CaseFacts(bool Closed, ReferralStatus? LatestReferral, bool ActionRecorded, bool AcknowledgedSinceRaised)
{
    public static CaseFacts Of(StudentCaseState s) => new(
        s.ClosedAt is not null,
        s.Referrals.Count == 0 ? null : s.Referrals[^1].Summary.Status,
        s.Actions.Count > 0,
        s.Escalation.AcknowledgedSinceRaised);
}

/// <summary>
/// A case's status (Open → Acknowledged → InIntervention → Referred → InTreatment → ReturnedToSchool → Closed),
/// derived from its facts the way <see cref="Referrals.ReferralState.Status"/> is derived from the steps reached,
/// so no command can forget to move it or move it twice.
/// </summary>
public static class CaseStatusRules
{
    public static CaseStatus Derive(CaseFacts facts) => facts switch
    {
        { Closed: true } => CaseStatus.Closed,
        // The green channel outranks what came before it: a referral is the case's latest, largest step.
        { LatestReferral: { } referral } => FromReferral(referral),
        { ActionRecorded: true } => CaseStatus.InIntervention,
        // An alert that triggers again for want of an action keeps the case Acknowledged: someone has seen it.
        { AcknowledgedSinceRaised: true } => CaseStatus.Acknowledged,
        _ => CaseStatus.Open,
    };

    private static CaseStatus FromReferral(ReferralStatus referral) => referral switch
    {
        // A refused, cancelled or failed referral hands the case back to the school's own intervention.
        ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.Failed => CaseStatus.InIntervention,
        ReferralStatus.Completed => CaseStatus.ReturnedToSchool,
        _ when referral.Rank() >= ReferralStatus.Arrived.Rank() => CaseStatus.InTreatment,
        _ => CaseStatus.Referred,
    };
}
