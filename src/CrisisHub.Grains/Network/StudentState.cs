using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

[GenerateSerializer, Alias("CrisisHub.StudentState")]
public sealed class StudentState
{
    [Id(0)] public StudentRecord? Record { get; set; }
    [Id(1)] public StudentPlacement? Placement { get; set; }

    /// <summary>
    /// Written before the case grain is asked to open, so a crash in between can never lead to a second
    /// open case: the next flag finds this id and opens (or attaches to) that very case.
    /// </summary>
    [Id(2)] public string? OpenCaseId { get; set; }

    /// <summary>
    /// Every case opened for the student, oldest first (a handful in a school life): what a subject export and the
    /// retention job walk. Kept from this version on; a case opened before it shows here once it is the open one.
    /// </summary>
    [Id(3)] public List<string> CaseIds { get; set; } = [];
}
