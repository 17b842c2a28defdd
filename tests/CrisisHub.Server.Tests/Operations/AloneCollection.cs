namespace CrisisHub.Server.Tests.Operations;

/// <summary>Tests that count process-wide measurements run after every parallel collection, with no other server alive.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
