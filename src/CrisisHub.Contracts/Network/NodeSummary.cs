namespace CrisisHub.Contracts.Network;

/// <summary>What a school keeps about each node below it, so policies can be checked against reality.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.NodeSummary")]
public sealed record NodeSummary(string NodeId, NetworkLevel Level, string Name, int ResponderCount);
