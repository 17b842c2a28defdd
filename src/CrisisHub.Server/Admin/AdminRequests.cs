using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Server.Admin;

public sealed record NodeRequest(NetworkLevel Level, string? Name, string? ParentId);

public sealed record GuardianRequest(string? Name, string? Relationship, string? Phone);

public sealed record StudentRequest(string? Name, string? StudentNumber, int Age, string? ClassId, string? DormitoryId, GuardianRequest[]? Guardians)
{
    public StudentRecord ToRecord(string studentId) => new(studentId, Name ?? "", StudentNumber ?? "", Age, ClassId ?? "", DormitoryId,
        [.. (Guardians ?? []).Select(g => new Guardian(g.Name ?? "", g.Relationship ?? "", g.Phone ?? ""))]);
}

public sealed record ResponderRequest(string? ResponderId, string? Name, ResponderRole Role, string? Phone, bool OnDuty, string? AccountId)
{
    public Responder ToResponder() => new(ResponderId ?? "", Name ?? "", Role, Phone ?? "", OnDuty, AccountId);
}

public sealed record StepRequest(NetworkLevel[]? Levels, DeliveryChannel[]? Channels, TimeSpan AcknowledgeWithin);

public sealed record PolicyRequest(StepRequest[]? Steps, int Repeats, TimeSpan ActionWithin)
{
    public EscalationPolicy ToPolicy(string schoolId, CrisisGrade grade) => new(schoolId, grade,
        [.. (Steps ?? []).Select(s => new EscalationStep(s.Levels ?? [], s.Channels ?? [], s.AcknowledgeWithin))], Repeats, ActionWithin);
}

public sealed record AccountRequest(string? DisplayName, ResponderRole Role, string[]? NodeIds, string? Password, string? PreferredLanguage, bool Disabled);

public sealed record AccountView(string UserName, string DisplayName, ResponderRole Role, string[] NodeIds, string PreferredLanguage, bool Disabled);
