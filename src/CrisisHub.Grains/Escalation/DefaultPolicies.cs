using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Escalation;

/// <summary>
/// The defaults from the design brief, shaped to the levels a school has: a school without dormitories
/// (a K-12 day school) starts at the class; one with dormitories alerts the room and the class together,
/// because the head teacher must hear of a flag within a second either way.
/// </summary>
public static class DefaultPolicies
{
    public static EscalationPolicy For(string schoolId, CrisisGrade grade, bool hasDormitories)
    {
        NetworkLevel[] first = hasDormitories ? [NetworkLevel.Dormitory, NetworkLevel.Class] : [NetworkLevel.Class];
        NetworkLevel[][] chain = [first, [NetworkLevel.Grade], [NetworkLevel.School], [NetworkLevel.Family]];
        return grade switch
        {
            CrisisGrade.Major => new EscalationPolicy(schoolId, grade,
                // Every level, the duty officer (school level) and the family at once; SMS at once.
                [Step([.. first, NetworkLevel.Grade, NetworkLevel.School, NetworkLevel.Family], sms: true, TimeSpan.FromMinutes(5))],
                Repeats: 3, ActionWithin: TimeSpan.FromHours(2)),
            CrisisGrade.Severe => new EscalationPolicy(schoolId, grade,
                [.. chain.Select(levels => Step(levels, sms: true, TimeSpan.FromMinutes(15)))],
                Repeats: 2, ActionWithin: TimeSpan.FromHours(2)),
            CrisisGrade.General => new EscalationPolicy(schoolId, grade,
                [.. chain.Select((levels, i) => Step(levels, sms: i > 0, TimeSpan.FromHours(4)))],
                Repeats: 1, ActionWithin: TimeSpan.FromHours(24)),
            _ => new EscalationPolicy(schoolId, CrisisGrade.Watch, [], Repeats: 0, ActionWithin: TimeSpan.FromDays(30)),
        };
    }

    private static EscalationStep Step(NetworkLevel[] levels, bool sms, TimeSpan acknowledgeWithin) =>
        new(levels, sms ? [DeliveryChannel.WebPush, DeliveryChannel.Sms] : [DeliveryChannel.WebPush], acknowledgeWithin);
}
