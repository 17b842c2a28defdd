using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The texts of a case. A step that includes SMS records one text per on-duty responder of its levels in the
/// same write as the step; the text grains are handed them afterwards (again after a crash, harmlessly, as
/// they are keyed by case, firing and recipient). Outcomes come back one-way.
/// </summary>
public sealed partial class StudentCaseGrain
{
    private (EscalationStep Step, int Firing, int StepIndex, int Round)? _stepToText;

    /// <summary>The message-id prefix of the referral-overdue texts to plan in this turn.</summary>
    private string? _overdueToText;

    private async Task PlanTextsAsync()
    {
        if (_stepToText is { } plan)
        {
            _stepToText = null;
            var (schoolName, recipients) = await RecipientsAsync(plan.Step.Levels.Select(S.Placement!.NodeAt).OfType<string>());
            foreach (var recipient in recipients)
            {
                var request = new SmsRequest($"{S.CaseId}.{plan.Firing}.{recipient.RecipientId}", S.CaseId, recipient, S.Grade, schoolName, time.GetUtcNow());
                S.Outbox.Add(new SmsDispatch { Request = request, Firing = plan.Firing, Step = plan.StepIndex, Round = plan.Round, Status = SmsStatus.Queued });
            }
        }

        if (_overdueToText is { } overdue)
        {
            _overdueToText = null;
            // Not a step of the escalation (firing -1): its outcomes never move the alert on.
            var (schoolName, recipients) = await RecipientsAsync([S.Placement!.SchoolId]);
            foreach (var recipient in recipients)
            {
                var request = new SmsRequest($"{overdue}.{recipient.RecipientId}", S.CaseId, recipient, S.Grade, schoolName, time.GetUtcNow(), SmsPurpose.ReferralOverdue);
                S.Outbox.Add(new SmsDispatch { Request = request, Firing = -1, Step = S.Escalation.StepIndex, Round = S.Escalation.Round, Status = SmsStatus.Queued });
            }
        }
    }

    /// <summary>The on-duty responders of the given nodes, each with their language, and the school's name for the text.</summary>
    private async Task<(string SchoolName, List<SmsRecipient> Recipients)> RecipientsAsync(IEnumerable<string> nodeIds)
    {
        var school = await GrainFactory.GetGrain<IWarningNodeGrain>(S.Placement!.SchoolId).GetAsync();
        var recipients = new List<SmsRecipient>();
        foreach (var nodeId in nodeIds.Distinct())
        {
            var node = await GrainFactory.GetGrain<IWarningNodeGrain>(nodeId).GetAsync();
            foreach (var responder in node?.Responders.Where(r => r.OnDuty) ?? [])
            {
                var language = responder.AccountId is { } account
                    ? (await GrainFactory.GetGrain<IUserAccountGrain>(account).GetAsync())?.PreferredLanguage ?? "zh-CN"
                    : "zh-CN";
                recipients.Add(new SmsRecipient(responder.ResponderId, responder.Name, responder.Role, responder.Phone, responder.AccountId, language));
            }
        }

        return (school?.Name ?? "", recipients);
    }

    private async Task DispatchTextsAsync()
    {
        var pending = S.Outbox.Where(d => !d.Handed).ToList();
        if (pending.Count == 0) return;
        await Task.WhenAll(pending.Select(d => GrainFactory.GetGrain<ISmsMessageGrain>(d.Request.MessageId).EnqueueAsync(d.Request)));
        foreach (var d in pending) d.Handed = true;
        await WriteAsync();
    }

    public async Task OnSmsOutcomeAsync(SmsOutcome outcome)
    {
        var dispatch = S.Outbox.FirstOrDefault(d => d.Request.MessageId == outcome.MessageId);
        if (dispatch is null || dispatch.Status == outcome.Status) return;
        dispatch.Status = outcome.Status;
        dispatch.ErrorCode = outcome.ErrorCode;
        AlertEventKind? kind = null;
        if (outcome.Status.IsUnreachable())
        {
            Audit(Actor.System, AuditActions.TextUndeliverable, null, $"recipient={outcome.RecipientId}; status={outcome.Status}; code={outcome.ErrorCode}");
            // A text withheld for an opt-out (STOP before it, even before any text) shows like a STOP after one.
            if (outcome.Status == SmsStatus.Unsubscribed) SetSubscription(outcome.RecipientId, subscribed: false);
            kind = AlertEventKind.CaseUpdated;
            // Nobody at this step can be reached by text: waiting out its deadline would only lose time.
            var e = S.Escalation;
            var current = S.Outbox.Where(d => d.Firing == e.Firings).ToList();
            if (Status != CaseStatus.Closed && e.State == AlertState.Triggered && !e.Exhausted && dispatch.Firing == e.Firings
                && current.All(d => d.Status.IsUnreachable()))
            {
                Audit(Actor.System, AuditActions.StepUnreachable, null, "every recipient of the step is unreachable by text", CurrentStep(e.StepDeadline));
                kind = Advance(time.GetUtcNow());
            }
        }

        if (kind is null) await WriteAsync();
        else await SaveAndPublishAsync(kind);
    }

    public async Task RecordGuardianConfirmationAsync(Actor guardian, string messageId)
    {
        EnsureOpened();
        if (S.GuardianConfirmations.Any(c => c.MessageId == messageId)) return;
        S.GuardianConfirmations.Add(new GuardianConfirmationView(guardian.ActorId, guardian.DisplayName, messageId, time.GetUtcNow()));
        Audit(guardian, AuditActions.GuardianConfirmed, null, $"message={messageId}");
        await SaveAndPublishAsync(AlertEventKind.CaseUpdated);
    }

    public async Task OnSubscriptionChangedAsync(string recipientId, bool subscribed)
    {
        if (SetSubscription(recipientId, subscribed)) await SaveAndPublishAsync(AlertEventKind.CaseUpdated);
    }

    /// <summary>True when the recipient's opt-out changed (and the change is in the audit trail).</summary>
    private bool SetSubscription(string recipientId, bool subscribed)
    {
        var changed = subscribed ? S.UnsubscribedRecipients.Remove(recipientId) : !S.UnsubscribedRecipients.Contains(recipientId);
        if (!changed) return false;
        if (!subscribed) S.UnsubscribedRecipients.Add(recipientId);
        Audit(Actor.System, subscribed ? AuditActions.RecipientResubscribed : AuditActions.RecipientUnsubscribed, null, $"recipient={recipientId}");
        return true;
    }
}
