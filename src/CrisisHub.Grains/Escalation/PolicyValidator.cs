using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Escalation;

/// <summary>
/// Checks a policy against the school's real network. A step that would alert nobody is refused at save
/// time, because an alert that reaches no one is the failure CrisisHub exists to prevent. Deadlines and
/// repeats must keep the <see cref="PolicyLimits"/>, and a refusal names the limit so the administrator
/// knows what would pass.
/// </summary>
public static class PolicyValidator
{
    public static void Validate(EscalationPolicy policy, string schoolId, IReadOnlyCollection<NodeSummary> nodes,
        int schoolResponders, int districtResponders, PolicyLimits limits)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string reason) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, reason] : [reason];

        if (policy.SchoolId != schoolId) Add("schoolId", $"must be '{schoolId}'");
        if (!Enum.IsDefined(policy.Grade)) Add("grade", "is not a crisis grade");
        if (policy.Grade != CrisisGrade.Watch && policy.Steps.Length == 0) Add("steps", "needs at least one step for an alerting grade");
        if (policy.Grade == CrisisGrade.Watch && policy.Steps.Length > 0) Add("steps", "must be empty: the watch list raises no alert");
        if (policy.Repeats < 0 || policy.Repeats > limits.MaxRepeats) Add("repeats", $"must be between 0 and {limits.MaxRepeats}");
        if (policy.ActionWithin < limits.MinActionWithin) Add("actionWithin", AtLeast(limits.MinActionWithin));

        for (var i = 0; i < policy.Steps.Length; i++)
        {
            var step = policy.Steps[i];
            var field = $"steps[{i}]";
            if (step.Levels.Length == 0) Add(field, "is empty: name at least one level");
            if (step.Levels.Distinct().Count() != step.Levels.Length) Add(field, "names a level twice");
            if (step.AcknowledgeWithin < limits.MinAcknowledgeWithin) Add($"{field}.acknowledgeWithin", AtLeast(limits.MinAcknowledgeWithin));
            foreach (var level in step.Levels.Distinct())
            {
                var problem = ReachProblem(level, nodes, schoolResponders, districtResponders);
                if (problem is not null) Add($"{field}.levels", problem);
            }
        }

        if (errors.Count > 0)
            throw new DomainRuleException(RuleKind.Invalid, $"The {policy.Grade} policy of {schoolId} cannot be saved.", errors);
    }

    // "c" gives hh:mm:ss (d.hh:mm:ss beyond a day), the same shape the API reads, so the floor can be copied back.
    private static string AtLeast(TimeSpan floor) => $"must be at least {floor:c}";

    private static string? ReachProblem(NetworkLevel level, IReadOnlyCollection<NodeSummary> nodes, int schoolResponders, int districtResponders)
    {
        switch (level)
        {
            case NetworkLevel.School:
                return schoolResponders > 0 ? null : "School level has no responder";
            case NetworkLevel.District:
                return districtResponders > 0 ? null : "District level has no responder";
            case NetworkLevel.Grade or NetworkLevel.Class or NetworkLevel.Dormitory or NetworkLevel.Family:
                var atLevel = nodes.Where(n => n.Level == level).ToList();
                if (atLevel.Count == 0) return $"the school has no {level} level";
                var silent = atLevel.Where(n => n.ResponderCount == 0).Select(n => n.NodeId).ToList();
                return silent.Count == 0 ? null
                    : $"{level} nodes without a responder: {string.Join(", ", silent.Take(5))}{(silent.Count > 5 ? $" and {silent.Count - 5} more" : "")}";
            default:
                return $"{level} is not a level a policy can notify";
        }
    }
}
