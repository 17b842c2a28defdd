using CrisisHub.Contracts.Reports;

namespace CrisisHub.Grains.Referrals;

/// <summary>What the monthly report reads of a referral: no packet, no names, no notes.</summary>
public sealed partial class ReferralGrain
{
    public Task<ReferralReportFacts?> GetReportFactsAsync() => Task.FromResult(S.Creation is null
        ? null
        : new ReferralReportFacts(C.ReferralId, C.CaseId, C.Grade, S.Status, C.RequestedAt, [.. ReferralDeadlines.All(S)]));
}
