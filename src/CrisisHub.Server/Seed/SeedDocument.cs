using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Server.Seed;

/// <summary>
/// The seed file format: a whole warning network with its students, policies, designated hospitals and
/// accounts (a hospital's liaison desk accounts hold the hospital's id as their node).
/// </summary>
public sealed record SeedDocument(SeedNode[] Nodes, StudentRecord[] Students, SeedAccount[] Accounts, EscalationPolicy[]? Policies,
    HospitalDefinition[]? Hospitals = null);

public sealed record SeedNode(string NodeId, NetworkLevel Level, string Name, string? ParentId, Responder[] Responders);

/// <summary>An account to create.</summary>
public sealed record SeedAccount(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, string Password,
    string PreferredLanguage = "zh-CN");
