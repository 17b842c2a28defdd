using System.Security.Cryptography;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Escalation;
using CrisisHub.Server.Seed;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>
/// The canary's own network in <see cref="SyntheticDistrict"/>: one school with a Severe policy of two short steps (class,
/// then grade), and per node a grade, a class, a student and one responder account holding both, so a node's canary alert
/// climbs only to its own synthetic responder. Its password is new at every start and never leaves the process.
/// </summary>
public sealed record CanaryDistrict(string Node, string UserName, string Password, string StudentId, TimeSpan FirstStepWithin)
{
    /// <summary>Texts to the canary responder stay in the local outbox; the number is a fictional one (555-01xx).</summary>
    public const string Phone = "+12125550199";

    public const CrisisGrade Grade = CrisisGrade.Severe;

    public static CanaryDistrict For(string node, PolicyLimits limits) => new(node, $"{SyntheticDistrict.Id}-{node}",
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), $"{SyntheticDistrict.Id}-{node}-student",
        Max(limits.MinAcknowledgeWithin, TimeSpan.FromMinutes(1)));

    public string GradeId => $"{SyntheticDistrict.Id}-{Node}-grade";
    public string ClassId => $"{SyntheticDistrict.Id}-{Node}-class";

    public SeedDocument Seed(PolicyLimits limits)
    {
        var responder = new Responder(UserName, "Canary", ResponderRole.HeadTeacher, Phone, OnDuty: true, UserName);
        SeedNode[] nodes =
        [
            new(SyntheticDistrict.Id, NetworkLevel.District, "Canary district", null, []),
            new(SyntheticDistrict.SchoolId, NetworkLevel.School, "Canary school", SyntheticDistrict.Id, []),
            new(GradeId, NetworkLevel.Grade, $"Canary grade {Node}", SyntheticDistrict.SchoolId, [responder]),
            new(ClassId, NetworkLevel.Class, $"Canary class {Node}", GradeId, [responder]),
        ];
        StudentRecord student = new(StudentId, "Canary", $"canary-{Node}", 16, ClassId, null, [new Guardian("Canary", "guardian", Phone)]);
        EscalationStep Step(NetworkLevel level) => new([level], [DeliveryChannel.WebPush, DeliveryChannel.Sms], FirstStepWithin);
        EscalationPolicy policy = new(SyntheticDistrict.SchoolId, Grade, [Step(NetworkLevel.Class), Step(NetworkLevel.Grade)], Repeats: 0,
            ActionWithin: Max(limits.MinActionWithin, TimeSpan.FromMinutes(5)));
        SeedAccount account = new(UserName, "Canary", ResponderRole.HeadTeacher, [ClassId, GradeId], Password, "en");
        return new SeedDocument(nodes, [student], [account], [policy]);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
