using CrisisHub.Contracts.Privacy;

namespace CrisisHub.Grains.Privacy;

[GenerateSerializer, Alias("CrisisHub.RetentionPolicyState")]
public sealed class RetentionPolicyState
{
    [Id(0)] public RetentionPolicy? Policy { get; set; }
}

/// <summary>A district's retention policy: the default until an administrator sets one (the server audits the change).</summary>
public sealed class RetentionPolicyGrain(
    [PersistentState("retention", StorageNames.AdminAudit)] IPersistentState<RetentionPolicyState> state) : Grain, IRetentionPolicyGrain
{
    public Task<RetentionPolicy> GetAsync() => Task.FromResult(state.State.Policy ?? RetentionPolicy.Default);

    public async Task<RetentionPolicy> SetAsync(RetentionPolicy policy)
    {
        policy.Validate();
        state.State.Policy = policy;
        await state.WriteStateAsync();
        return policy;
    }
}
