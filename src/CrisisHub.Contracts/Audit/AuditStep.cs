using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Audit;

/// <summary>
/// Which escalation step an audit record is about, as data rather than text. StepIndex and Round count from 0,
/// like <see cref="Cases.EscalationView"/> and the pushes, so the trail, the case view and the wallboard agree;
/// only the pages add 1 for people. Deadline is the step's acknowledgement deadline: the one set by a firing,
/// the one still pending at an acknowledgement, and the one that was missed at exhaustion.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AuditStep")]
public sealed record AuditStep(int StepIndex, int Round, int StepCount, NetworkLevel[] Levels, DateTimeOffset? Deadline);
