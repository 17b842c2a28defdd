using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Seed;

/// <summary>The seed file format: a whole warning network with its students, policies and accounts.</summary>
public sealed record SeedDocument(SeedNode[] Nodes, StudentRecord[] Students, SeedAccount[] Accounts, EscalationPolicy[]? Policies);

public sealed record SeedNode(string NodeId, NetworkLevel Level, string Name, string? ParentId, Responder[] Responders);

/// <summary>An account to create; Featured accounts are the ones the start-up banner lists.</summary>
public sealed record SeedAccount(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, string Password,
    string PreferredLanguage = "zh-CN", bool Featured = false);
