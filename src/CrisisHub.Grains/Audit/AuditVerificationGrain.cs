using CrisisHub.Contracts.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// Verifies one district's chains (keyed by district id) against the installation's signed anchors: every chain an anchor
/// places in the district (so a chain removed from the log entirely is still checked), every case stream no anchor has
/// seen yet whose case lies in the district, and the district's admin chain. It reads; it never writes.
/// </summary>
public sealed class AuditVerificationGrain(
    IAuditLog log,
    AnchorKeyRing keys,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, IAuditVerificationGrain
{
    /// <summary>Anchors are daily: the newest trustworthy one older than this means the job stopped or anchors were cut off.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(2);

    public async Task<AuditVerificationReport> VerifyAsync()
    {
        var districtId = this.GetPrimaryKeyString();
        var ledger = AnchorLedger.Read(await log.ReadAsync(AuditAnchors.Stream), keys);
        var chains = new AuditChainReader(log, GrainFactory);

        var caseChains = await chains.LogChainsAsync();
        var unanchored = await chains.DistrictsOfAsync(caseChains.Where(c => !ledger.Mentions(c)));
        var adminChain = AuditAnchors.AdminChain(districtId);
        var ours = ledger.ChainsOf(districtId).Where(c => c != adminChain)
            .Concat(unanchored.Where(u => u.Value == districtId).Select(u => u.Key))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var readings = await AuditChainReader.InBatchesAsync(ours, chains.ReadLogAsync);
        var admin = await chains.ReadAdminAsync(districtId);
        if (admin.LastSequence > 0 || ledger.Mentions(adminChain) || !admin.Verification.Intact) readings.Add(admin);

        var verdicts = readings.Select(r => ChainJudge.Judge(r, ledger.MentionsOf(r.Chain))).ToList();
        var now = time.GetUtcNow();
        var counts = new ChainCounts(Count(ChainStatus.Intact), Count(ChainStatus.Broken), Count(ChainStatus.Truncated),
            Count(ChainStatus.Rewritten), Count(ChainStatus.AnchorForged));
        ChainVerdict[] problems = [.. verdicts.Where(v => v.Status != ChainStatus.Intact)];
        return new AuditVerificationReport(districtId, now,
            Intact: problems.Length == 0 && ledger.Chain.Intact && ledger.Forged.Count == 0,
            ChainCount: verdicts.Count,
            AnchoredCount: verdicts.Count(v => v.Anchored),
            counts,
            problems,
            ledger.Latest,
            AnchorsStale: ledger.LatestTrustedAt is not { } latest || now - latest > StaleAfter,
            ledger.Chain,
            [.. ledger.Forged]);

        int Count(ChainStatus status) => verdicts.Count(v => v.Status == status);
    }
}
