using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Audit;

/// <summary>Who did something: a signed-in account, or the system itself (escalation, seed).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.Actor")]
public sealed record Actor(string ActorId, string DisplayName, ResponderRole? Role)
{
    public static Actor System { get; } = new("system", "CrisisHub", null);
}
