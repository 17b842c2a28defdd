using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Referrals;

/// <summary>
/// What the green channel allows, in one place: the grains enforce these rules and the views carry their answers
/// (<see cref="CaseView.CanRefer"/>, <see cref="ReferralView.HospitalStepsThatEnd"/> …), so the pages never copy them.
/// </summary>
public static class ReferralRules
{
    /// <summary>The grades the green channel is for; a hospital may take only these.</summary>
    public static IReadOnlyList<CrisisGrade> ReferableGrades { get; } = [CrisisGrade.Severe, CrisisGrade.Major];

    public static bool MayBeReferred(CrisisGrade grade) => ReferableGrades.Contains(grade);

    /// <summary>A referral that is Completed, Declined, Cancelled or Failed has ended: the case may ask for another.</summary>
    public static bool Ends(ReferralStatus status) => !status.IsOpen();

    /// <summary>An open case of a referable grade whose referrals have all ended may ask for a referral (consent is checked on the request).</summary>
    public static bool CanRefer(CaseStatus status, CrisisGrade grade, IEnumerable<ReferralSummary> referrals) =>
        status != CaseStatus.Closed && MayBeReferred(grade) && referrals.All(r => Ends(r.Status));

    /// <summary>Ending a referral without completing it (declined, cancelled, failed) needs a reason.</summary>
    public static bool NeedsReason(ReferralStatus to) => to is ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.Failed;

    /// <summary>Admission is voluntary (Mental Health Law): the desk records the guardian's consent, it never assumes it.</summary>
    public static bool NeedsAdmissionConsent(ReferralStatus to) => to == ReferralStatus.Admitted;
}
