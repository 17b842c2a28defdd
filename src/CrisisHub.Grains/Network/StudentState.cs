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
}
