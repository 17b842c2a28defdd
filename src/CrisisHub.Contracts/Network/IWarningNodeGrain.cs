using CrisisHub.Contracts.Escalation;

namespace CrisisHub.Contracts.Network;

/// <summary>One node of the warning network, keyed by its node id: its responders and its open alerts.</summary>
public interface IWarningNodeGrain : IGrainWithStringKey
{
    /// <summary>Creates the node or renames it; level and parent cannot change once set.</summary>
    Task<WarningNodeView> DefineAsync(WarningNodeDefinition definition);

    Task<WarningNodeView?> GetAsync();

    Task<WarningNodeView> SetRespondersAsync(Responder[] responders);

    Task AddChildAsync(string childId);

    Task AddStudentAsync(string studentId);

    /// <summary>Schools only: what the school knows of one node below it (level, responder count).</summary>
    Task TrackDescendantAsync(NodeSummary summary);

    Task<NodeSummary[]> GetDescendantsAsync();

    /// <summary>Schools only: replaces the policy for a grade after checking it against the school's network.</summary>
    Task SetPolicyAsync(EscalationPolicy policy);

    /// <summary>Schools only: the policy for a grade (the default one until an administrator sets another).</summary>
    Task<EscalationPolicy> GetPolicyAsync(Cases.CrisisGrade grade);

    Task<EscalationPolicy[]> GetPoliciesAsync();

}
