namespace CrisisHub.Contracts.Network;

/// <summary>What an administrator (or the seed) says a node is. ParentId is empty only for a district.</summary>
[GenerateSerializer, Immutable]
public sealed record WarningNodeDefinition(string NodeId, NetworkLevel Level, string Name, string? ParentId);

/// <summary>A node as stored, with the ancestry every alert needs to find its audience.</summary>
[GenerateSerializer, Immutable]
public sealed record WarningNodeView(
    string NodeId,
    NetworkLevel Level,
    string Name,
    string? ParentId,
    string? SchoolId,
    string DistrictId,
    Responder[] Responders,
    string[] ChildIds,
    string[] StudentIds);

/// <summary>The node at each level of the network for one student: who hears about their case.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.StudentPlacement")]
public sealed record StudentPlacement(
    string DistrictId,
    string SchoolId,
    string GradeId,
    string ClassId,
    string? DormitoryId,
    string FamilyId)
{
    public string? NodeAt(NetworkLevel level) => level switch
    {
        NetworkLevel.District => DistrictId,
        NetworkLevel.School => SchoolId,
        NetworkLevel.Grade => GradeId,
        NetworkLevel.Class => ClassId,
        NetworkLevel.Dormitory => DormitoryId,
        NetworkLevel.Family => FamilyId,
        _ => null,
    };

    public IEnumerable<string> AllNodeIds() =>
        new[] { DistrictId, SchoolId, GradeId, ClassId, DormitoryId, FamilyId }.OfType<string>();
}
