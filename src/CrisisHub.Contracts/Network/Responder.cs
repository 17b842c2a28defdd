namespace CrisisHub.Contracts.Network;

/// <summary>A person who is alerted at a node. Phone numbers are E.164; AccountId is empty for guardians.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.Responder")]
public sealed record Responder(string ResponderId, string Name, ResponderRole Role, string Phone, bool OnDuty, string? AccountId);
