using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Audit;

/// <summary>
/// Finds and reads the chains the anchors cover: every case stream and every student's read log in the audit log (its
/// district from the anchors, or from the case or student for one no anchor has seen yet) and the admin chain of every
/// district that has one.
/// </summary>
internal sealed class AuditChainReader(IAuditLog log, IGrainFactory grains)
{
    /// <summary>Grain calls and log reads in flight at once: enough to hide latency, few enough to leave the silo to its alerts.</summary>
    private const int Batch = 16;

    /// <summary>The chains of the audit log kept per student, named "{prefix}{studentId}".</summary>
    private static readonly string[] StudentPrefixes = [AuditAnchors.ReadsPrefix, AuditAnchors.ScreeningPrefix, AuditAnchors.PlanPrefix];

    /// <summary>The case streams, the students' chains (read logs, screening results, plans), the schools' chains (ledgers, signal queues) and the integration clients' calls: the chains kept in the audit log.</summary>
    public async Task<IReadOnlyList<string>> LogChainsAsync()
    {
        List<string> chains = [.. await log.StreamsAsync(AuditAnchors.CasePrefix)];
        foreach (var prefix in StudentPrefixes) chains.AddRange(await log.StreamsAsync(prefix));
        foreach (var prefix in SchoolPrefixes) chains.AddRange(await log.StreamsAsync(prefix));
        chains.AddRange(await log.StreamsAsync(AuditAnchors.IntegrationPrefix));
        return chains;
    }

    /// <summary>The chains of the audit log kept per school, named "{prefix}{schoolId}": its ledger reviews, its outside-signal queue.</summary>
    private static readonly string[] SchoolPrefixes = [AuditAnchors.LedgerPrefix, AuditAnchors.SignalsPrefix];

    private static string? SchoolOf(string chain) =>
        SchoolPrefixes.FirstOrDefault(p => chain.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? chain[prefix.Length..] : null;

    private static string? StudentOf(string chain) =>
        StudentPrefixes.FirstOrDefault(p => chain.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? chain[prefix.Length..] : null;

    /// <summary>The district of each chain no anchor has placed yet, asked of its case or student (one without state has none).</summary>
    public async Task<Dictionary<string, string>> DistrictsOfAsync(IEnumerable<string> logChains)
    {
        var districts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (chain, district) in await InBatchesAsync(logChains, async chain => StudentOf(chain) is { } studentId
                     ? (chain, (await grains.GetGrain<IStudentGrain>(studentId).GetAsync())?.Placement.DistrictId)
                     : SchoolOf(chain) is { } schoolId
                     ? (chain, (await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync())?.DistrictId)
                     : chain.StartsWith(AuditAnchors.IntegrationPrefix, StringComparison.Ordinal)
                     ? (chain, (await grains.GetGrain<IIntegrationClientGrain>(chain[AuditAnchors.IntegrationPrefix.Length..]).GetAsync())?.DistrictId)
                     : (chain, (await grains.GetGrain<IStudentCaseGrain>(chain[AuditAnchors.CasePrefix.Length..]).GetRoutingAsync())?.Placement.DistrictId)))
        {
            if (district is not null) districts[chain] = district;
        }

        return districts;
    }

    /// <summary>The districts administrators hold (directly or through a school): the only ones an admin chain can exist for.</summary>
    public async Task<IReadOnlyCollection<string>> AdministeredDistrictsAsync()
    {
        var accounts = await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).ListAsync();
        var nodes = accounts.Where(a => a.Role == ResponderRole.Admin).SelectMany(a => a.NodeIds).Distinct(StringComparer.Ordinal);
        var views = await InBatchesAsync(nodes, id => grains.GetGrain<IWarningNodeGrain>(id).GetAsync());
        return [.. views.OfType<WarningNodeView>().Select(v => v.DistrictId).Distinct(StringComparer.Ordinal)];
    }

    public async Task<AnchoredHead?> LogHeadAsync(string chain, string districtId) =>
        await log.LastAsync(chain) is { } last ? new AnchoredHead(chain, districtId, last.Sequence, last.Hash) : null;

    public async Task<AnchoredHead?> AdminHeadAsync(string districtId)
    {
        var view = await grains.GetGrain<IAdminAuditGrain>(districtId).ReadAsync(null, 1);
        return view.Records.FirstOrDefault() is { } newest
            ? new AnchoredHead(AuditAnchors.AdminChain(districtId), districtId, newest.Sequence, newest.Hash)
            : null;
    }

    public async Task<ChainReading> ReadLogAsync(string chain) => ChainReading.Of(chain, await log.ReadAsync(chain));

    /// <summary>The admin chain, newest page first, down to its first record; its verification is the grain's own.</summary>
    public async Task<ChainReading> ReadAdminAsync(string districtId)
    {
        var admin = grains.GetGrain<IAdminAuditGrain>(districtId);
        var view = await admin.ReadAsync(null, AdminAuditGrain.MaxTake);
        var verification = view.Verification;
        var last = view.Records.FirstOrDefault()?.Sequence ?? 0;
        var hashes = new Dictionary<long, string>();
        while (true)
        {
            foreach (var record in view.Records) hashes[record.Sequence] = record.Hash;
            if (view.NextBefore is not { } before) break;
            view = await admin.ReadAsync(before, AdminAuditGrain.MaxTake);
        }

        return new ChainReading(AuditAnchors.AdminChain(districtId), verification, last, sequence => hashes.GetValueOrDefault(sequence));
    }

    public static async Task<List<TResult>> InBatchesAsync<T, TResult>(IEnumerable<T> items, Func<T, Task<TResult>> work)
    {
        var results = new List<TResult>();
        foreach (var chunk in items.Chunk(Batch)) results.AddRange(await Task.WhenAll(chunk.Select(work)));
        return results;
    }
}
