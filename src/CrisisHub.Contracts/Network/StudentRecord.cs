namespace CrisisHub.Contracts.Network;

/// <summary>A student as an administrator registers them. Guardians become the responders of the family node.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.StudentRecord")]
public sealed record StudentRecord(
    string StudentId,
    string Name,
    string StudentNumber,
    int Age,
    string ClassId,
    string? DormitoryId,
    Guardian[] Guardians);

[GenerateSerializer, Immutable, Alias("CrisisHub.Guardian")]
public sealed record Guardian(string Name, string Relationship, string Phone);

[GenerateSerializer, Immutable]
public sealed record StudentView(StudentRecord Record, StudentPlacement Placement, string? OpenCaseId);
