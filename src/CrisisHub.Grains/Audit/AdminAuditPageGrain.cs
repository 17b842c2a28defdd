using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;

namespace CrisisHub.Grains.Audit;

[GenerateSerializer, Alias("CrisisHub.AdminAuditPageState")]
public sealed class AdminAuditPageState
{
    [Id(0)] public List<AdminAuditRecord> Records { get; set; } = [];
}

/// <summary>At most <see cref="AdminAuditGrain.PageSize"/> consecutive records of one district's admin audit log.</summary>
public sealed class AdminAuditPageGrain(
    [PersistentState("page", StorageNames.AdminAudit)] IPersistentState<AdminAuditPageState> state) : Grain, IAdminAuditPageGrain
{
    private long FirstSequence => long.Parse(this.GetPrimaryKeyString().Split('/')[^1]) * AdminAuditGrain.PageSize + 1;

    public async Task AppendAsync(AdminAuditRecord record)
    {
        var records = state.State.Records;
        var expected = records.Count == 0 ? FirstSequence : records[^1].Sequence + 1;
        // Only the head appends, in order; anything else would fork the chain.
        if (record.Sequence != expected || records.Count >= AdminAuditGrain.PageSize)
            throw DomainRuleException.Conflict($"Admin audit page {this.GetPrimaryKeyString()} expects record {expected}, not {record.Sequence}.");
        records.Add(record);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Whether or not the write landed, memory must hold what storage holds before the head retries.
            await state.ReadStateAsync();
            throw;
        }
    }

    public async Task<AdminAuditRecord[]> GetAsync()
    {
        await state.ReadStateAsync();
        return [.. state.State.Records];
    }
}
