using CrisisHub.Contracts.Escalation;

namespace CrisisHub.Contracts.Network;

/// <summary>One node of the warning network, keyed by its node id: its responders and its open alerts.</summary>
public interface IWarningNodeGrain : IGrainWithStringKey
{
    /// <summary>Creates the node or renames it; level and parent cannot change once set.</summary>
    Task<WarningNodeView> DefineAsync(WarningNodeDefinition definition);

    Task<WarningNodeView?> GetAsync();

    Task<WarningNodeView> SetRespondersAsync(Responder[] responders);

    /// <summary>
    /// For bulk paths: <see cref="DefineAsync"/> and <see cref="SetRespondersAsync"/> in one write, without listing the node at
    /// its parent: the caller lists a whole batch of new nodes at once with <see cref="AddChildrenAsync"/> on their parent.
    /// </summary>
    Task<WarningNodeView> DefineUnlistedAsync(WarningNodeDefinition definition, Responder[] responders);

    /// <summary>
    /// Lists nodes defined under this one (one write; those already listed are left as they are) and tells their school what it
    /// must know of them (one call).
    /// </summary>
    Task AddChildrenAsync(WarningNodeView[] children);

    /// <summary>Lists students at this class or dormitory room, in one write; those already listed are left as they are.</summary>
    Task AddStudentsAsync(string[] studentIds);

    /// <summary>Schools only: what the school knows of nodes below it (level, responder count), in one write.</summary>
    Task TrackDescendantsAsync(NodeSummary[] summaries);

    Task<NodeSummary[]> GetDescendantsAsync();

    /// <summary>Schools only: replaces the policy for a grade after checking it against the school's network.</summary>
    Task SetPolicyAsync(EscalationPolicy policy);

    /// <summary>Schools only: the policy for a grade (the default one until an administrator sets another).</summary>
    Task<EscalationPolicy> GetPolicyAsync(Cases.CrisisGrade grade);

    Task<EscalationPolicy[]> GetPoliciesAsync();

}
