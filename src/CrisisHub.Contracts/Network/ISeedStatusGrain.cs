namespace CrisisHub.Contracts.Network;

/// <summary>Remembers that a seed was fully applied, so a start interrupted half-way seeds again (every step is idempotent).</summary>
public interface ISeedStatusGrain : IGrainWithStringKey
{
    Task<bool> IsAppliedAsync();

    Task MarkAppliedAsync();
}
