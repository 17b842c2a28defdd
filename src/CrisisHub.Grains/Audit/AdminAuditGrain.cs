using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Audit;

[GenerateSerializer, Alias("CrisisHub.AdminAuditHeadState")]
public sealed class AdminAuditHeadState
{
    [Id(0)] public long LastSequence { get; set; }
    [Id(1)] public string LastHash { get; set; } = AuditChain.GenesisHash;
}

/// <summary>
/// A district's admin audit log. The head holds only the last sequence and hash; record n lives on page (n-1)/PageSize,
/// so the page is derived, never stored, and an append writes one bounded page and this small head. Non-reentrant,
/// so appends are chained one at a time.
/// </summary>
public sealed class AdminAuditGrain(
    [PersistentState("head", StorageNames.AdminAudit)] IPersistentState<AdminAuditHeadState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, IAdminAuditGrain
{
    public const int PageSize = 256;
    public const int MaxText = 8000;
    public const int MaxTake = 200;
    private AdminAuditHeadState S => state.State;

    public static long PageOf(long sequence) => (sequence - 1) / PageSize;

    /// <summary>
    /// The page is written before the head. If the head's write was lost, the page already holds the record: adopt it,
    /// so the next record links to it instead of forking the chain.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var records = await Page(PageOf(S.LastSequence + 1)).GetAsync();
        if (records.Length > 0 && records[^1].Sequence > S.LastSequence)
        {
            S.LastSequence = records[^1].Sequence;
            S.LastHash = records[^1].Hash;
            await state.WriteStateAsync();
        }
    }

    public async Task<AdminAuditRecord> AppendAsync(AdminChange change)
    {
        if (!AdminAuditActions.All.Contains(change.Action)) throw DomainRuleException.Invalid("action", $"'{change.Action}' is not an admin audit action");
        if (string.IsNullOrWhiteSpace(change.Target) || change.Target.Length > 200) throw DomainRuleException.Invalid("target", "is required (at most 200 characters)");
        var bounded = change with { Before = Bound(change.Before), After = Bound(change.After) };
        var record = AdminAuditChain.Link(S.LastSequence, S.LastHash, time.GetUtcNow(), bounded);
        await Page(PageOf(record.Sequence)).AppendAsync(record);
        S.LastSequence = record.Sequence;
        S.LastHash = record.Hash;
        await state.WriteStateAsync();
        return record;
    }

    /// <summary>Verifies the whole chain (every page, read from storage) and returns the newest records asked for.</summary>
    public async Task<AdminAuditView> ReadAsync(long? before, int take)
    {
        take = Math.Clamp(take, 1, MaxTake);
        var all = new List<AdminAuditRecord>();
        for (var page = 0L; S.LastSequence > 0 && page <= PageOf(S.LastSequence); page++) all.AddRange(await Page(page).GetAsync());
        var verification = AdminAuditChain.Verify(all, S.LastSequence, S.LastHash);
        AdminAuditRecord[] newest = [.. all.Where(r => before is null || r.Sequence < before).OrderByDescending(r => r.Sequence).Take(take)];
        long? next = newest.Length > 0 && newest[^1].Sequence > 1 ? newest[^1].Sequence : null;
        return new AdminAuditView(this.GetPrimaryKeyString(), newest, verification, next);
    }

    private static string? Bound(string? text) => text is { Length: > MaxText } ? text[..MaxText] + "…(truncated)" : text;

    private IAdminAuditPageGrain Page(long index) => GrainFactory.GetGrain<IAdminAuditPageGrain>($"{this.GetPrimaryKeyString()}/{index}");
}
