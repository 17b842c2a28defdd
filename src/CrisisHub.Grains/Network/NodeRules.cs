using System.Text.RegularExpressions;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

/// <summary>The shape rules of the warning network.</summary>
public static partial class NodeRules
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164Pattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool IsE164(string? phone) => phone is not null && E164Pattern().IsMatch(phone);

    /// <summary>The level a node's parent must have; null for a district.</summary>
    public static NetworkLevel? ParentLevelOf(NetworkLevel level) => level switch
    {
        NetworkLevel.District => null,
        NetworkLevel.School => NetworkLevel.District,
        NetworkLevel.Grade => NetworkLevel.School,
        NetworkLevel.Class => NetworkLevel.Grade,
        NetworkLevel.Dormitory => NetworkLevel.Class,
        NetworkLevel.Family => NetworkLevel.Class,
        _ => null,
    };

    public static void ValidateResponders(Responder[] responders)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < responders.Length; i++)
        {
            var r = responders[i];
            if (!IsValidId(r.ResponderId)) errors[$"responders[{i}].responderId"] = ["must be 1-64 lower-case letters, digits or '-'"];
            if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 100) errors[$"responders[{i}].name"] = ["is required (at most 100 characters)"];
            if (!IsE164(r.Phone)) errors[$"responders[{i}].phone"] = ["must be an E.164 number such as +8613800000000"];
            if (!Enum.IsDefined(r.Role)) errors[$"responders[{i}].role"] = ["is not a known role"];
        }

        foreach (var duplicate in responders.GroupBy(r => r.ResponderId).Where(g => g.Count() > 1))
            errors[$"responders.{duplicate.Key}"] = ["appears more than once"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The responders are not valid.", errors);
    }
}
