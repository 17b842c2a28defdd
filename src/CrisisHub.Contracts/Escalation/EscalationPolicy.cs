using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Escalation;

/// <summary>How an alert is delivered. Web push is always on; SMS and voice are added per step.</summary>
public enum DeliveryChannel
{
    WebPush = 0,
    Sms = 1,
}

/// <summary>
/// One step of an escalation policy: the levels notified together, how, and how long they have to
/// acknowledge before the next step fires.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.EscalationStep")]
public sealed record EscalationStep(
    NetworkLevel[] Levels,
    DeliveryChannel[] Channels,
    TimeSpan AcknowledgeWithin);

/// <summary>
/// A school's escalation policy for one crisis grade. After the last step the steps run again
/// <see cref="Repeats"/> more times; then the alert is "escalation exhausted". An acknowledged alert
/// with no recorded action within <see cref="ActionWithin"/> is triggered again.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.EscalationPolicy")]
public sealed record EscalationPolicy(
    string SchoolId,
    CrisisGrade Grade,
    EscalationStep[] Steps,
    int Repeats,
    TimeSpan ActionWithin);
