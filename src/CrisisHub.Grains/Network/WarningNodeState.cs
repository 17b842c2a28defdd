using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

[GenerateSerializer, Alias("CrisisHub.WarningNodeState")]
public sealed class WarningNodeState
{
    [Id(0)] public bool Defined { get; set; }
    [Id(1)] public NetworkLevel Level { get; set; }
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public string? ParentId { get; set; }
    [Id(4)] public string? SchoolId { get; set; }
    [Id(5)] public string DistrictId { get; set; } = "";
    [Id(6)] public List<Responder> Responders { get; set; } = [];
    [Id(7)] public List<string> ChildIds { get; set; } = [];
    [Id(8)] public List<string> StudentIds { get; set; } = [];
    /// <summary>
    /// Wave 1's open cases of this node, no longer written: the alert boards hold them now (the SQLite schema
    /// migration moved them there). Kept so stored rows still read with nothing left over.
    /// </summary>
    [Id(9)] public List<string> OpenCaseIds { get; set; } = [];

    /// <summary>Schools only: every node below the school, for policy checks.</summary>
    [Id(10)] public Dictionary<string, NodeSummary> Descendants { get; set; } = [];

    /// <summary>Schools only: the policies an administrator set; missing grades use the defaults.</summary>
    [Id(11)] public Dictionary<CrisisGrade, EscalationPolicy> Policies { get; set; } = [];
}
