using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Missing;

namespace CrisisHub.Server.Missing;

/// <summary>What the missing-student form posts; the student is the route's.</summary>
public sealed record MissingRequest(DateTimeOffset? LastSeenAt, string? LastSeenPlace, string? LastSeenBy, ObservedSign[]? WarningSigns, string? Description)
{
    public MissingReport ToReport(string studentId, FlagSource source) =>
        new(studentId, LastSeenAt ?? default, LastSeenPlace ?? "", LastSeenBy ?? "", WarningSigns ?? [], Description, source);
}

/// <summary>What the "found" form posts.</summary>
public sealed record FoundRequest(DateTimeOffset? FoundAt, string? FoundPlace, string? FoundBy, FoundCondition? Condition, bool? HospitalNeeded, string? Note)
{
    public FoundReport ToReport() =>
        new(FoundAt ?? default, FoundPlace ?? "", FoundBy ?? "", Condition ?? (FoundCondition)(-1), HospitalNeeded ?? false, Note);
}

/// <summary>What the reporter learns. A dormitory informant gets no case id, as with a flag.</summary>
public sealed record MissingReceipt(string FlagId, CrisisGrade Grade, string? CaseId);

public sealed record MissingGradesRequest(CrisisGrade? WithWarningSigns, CrisisGrade? WithoutWarningSigns);
