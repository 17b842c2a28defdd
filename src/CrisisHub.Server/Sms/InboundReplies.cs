using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Network;
using CrisisHub.Grains.Sms;
using Microsoft.Extensions.Options;

namespace CrisisHub.Server.Sms;

/// <summary>
/// What to do with a text someone sent us: acknowledge as the phone's owner, record a guardian's
/// confirmation, or honour STOP/START. Returns the answer to send back, or null for none (unknown numbers,
/// STOP/START, and anything past the loop guard).
/// </summary>
public sealed class InboundReplies(IGrainFactory grains, TimeProvider time, IOptions<SmsOptions> options)
{
    public async Task<string?> HandleAsync(string from, string body)
    {
        if (!PhoneNumberRules.TryNormalize(from, out var phone)) return null;
        var decision = await grains.GetGrain<ISmsContactGrain>(phone).InterpretAsync(body, time.GetUtcNow());
        var templates = new SmsTemplates(options.Value);
        string Say(string kind, string caseId = "", string name = "") =>
            templates.Render(decision.Language, kind, new Dictionary<string, string> { ["case"] = caseId, ["name"] = name });

        string? answer = decision.Kind switch
        {
            InboundKind.Acknowledge => await ActAsync(decision.Target!, Say),
            InboundKind.NotUnderstood => Say("Help"),
            _ => null,
        };
        return decision.MayReply ? answer : null;
    }

    private async Task<string> ActAsync(ReplyTarget target, Func<string, string, string, string> say)
    {
        var recipient = target.Recipient;
        var actor = new Actor(recipient.AccountId ?? recipient.RecipientId, recipient.Name, recipient.Role);
        var grain = grains.GetGrain<IStudentCaseGrain>(target.CaseId);
        if (await grain.GetRoutingAsync() is not { Status: not CaseStatus.Closed }) return say("Closed", target.CaseId, "");
        // A guardian or a police contact confirms receipt by replying; neither acknowledges the alert for the school.
        if (recipient.Role is ResponderRole.Guardian or ResponderRole.Police)
        {
            await grain.RecordGuardianConfirmationAsync(actor, target.MessageId);
            return say("Confirmed", target.CaseId, "");
        }

        try
        {
            var result = await grain.AcknowledgeAsync(actor);
            if (result.Acknowledged) return say("Acknowledged", target.CaseId, "");
            var by = result.AcknowledgedBy is { } id ? (await grains.GetGrain<IUserAccountGrain>(id).GetAsync())?.DisplayName ?? id : "";
            return say("AlreadyAcknowledged", target.CaseId, by);
        }
        catch (DomainRuleException)
        {
            return say("Closed", target.CaseId, "");
        }
    }
}
