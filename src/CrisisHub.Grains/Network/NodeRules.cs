using System.Text.RegularExpressions;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Grains.Network;

/// <summary>The shape rules of the warning network.</summary>
public static partial class NodeRules
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

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

    /// <summary>
    /// A responder an escalation step can reach: a police contact is not one (police hear only of missing students), so a
    /// step whose level has only police is refused as reaching nobody.
    /// </summary>
    public static bool IsAlerted(Responder responder) => responder.Role != ResponderRole.Police;

    public const string PhoneRule = "must be a valid phone number, e.g. +8613800138000 or 13800138000";

    /// <summary>Checks responders and returns them with phone numbers in E.164.</summary>
    public static Responder[] ValidateResponders(Responder[] responders)
    {
        var errors = new Dictionary<string, string[]>();
        var normalized = new Responder[responders.Length];
        for (var i = 0; i < responders.Length; i++)
        {
            var r = responders[i];
            normalized[i] = PhoneNumberRules.TryNormalize(r.Phone, out var e164) ? r with { Phone = e164 } : r;
            if (!IsValidId(r.ResponderId)) errors[$"responders[{i}].responderId"] = ["must be 1-64 lower-case letters, digits or '-'"];
            if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 100) errors[$"responders[{i}].name"] = ["is required (at most 100 characters)"];
            if (!PhoneNumberRules.TryNormalize(r.Phone, out _)) errors[$"responders[{i}].phone"] = [PhoneRule];
            if (!Enum.IsDefined(r.Role)) errors[$"responders[{i}].role"] = ["is not a known role"];
            // A police contact is a phone number the school was given, never a person who signs in.
            if (r.Role == ResponderRole.Police && !string.IsNullOrEmpty(r.AccountId)) errors[$"responders[{i}].accountId"] = ["must be empty for a police contact"];
        }

        foreach (var duplicate in responders.GroupBy(r => r.ResponderId).Where(g => g.Count() > 1))
            errors[$"responders.{duplicate.Key}"] = ["appears more than once"];
        if (errors.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The responders are not valid.", errors);
        return normalized;
    }
}
