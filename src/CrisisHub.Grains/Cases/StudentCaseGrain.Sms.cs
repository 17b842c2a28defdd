using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Hotlines;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The texts of a case, the grain's side: <see cref="CaseOutbox"/> holds the decisions, this part looks up who is
/// on duty at the nodes a decision names, hands the texts to their message grains (again after a crash,
/// harmlessly, as they are keyed by case, firing and recipient) and takes their outcomes back, one-way.
/// </summary>
public sealed partial class StudentCaseGrain
{
    /// <summary>Addresses every pending decision to the on-duty responders, then hands every addressed text over.</summary>
    private async Task DeliverTextsAsync()
    {
        var outbox = Outbox;
        if (outbox.Pending.Count == 0 && outbox.Unhanded.Count == 0) return;
        HotlineEntry[]? parentLines = null;
        foreach (var text in outbox.Pending.ToList())
        {
            if (text.Purpose == SmsPurpose.MissingPolice)
            {
                await AddressPoliceAsync(outbox, text);
                continue;
            }

            var (schoolName, recipients) = await RecipientsAsync(text.NodeIds);
            if (parentLines is null && recipients.Any(r => r.Role == ResponderRole.Guardian)) parentLines = await ParentHotlinesAsync();
            outbox.Address(text, S.CaseId, S.Grade, schoolName, recipients, time.GetUtcNow(), Synthetic, guardianHotlines: parentLines);
        }

        var unhanded = outbox.Unhanded;
        await Task.WhenAll(unhanded.Select(d => GrainFactory.GetGrain<ISmsMessageGrain>(d.Request.MessageId).EnqueueAsync(d.Request)));
        foreach (var d in unhanded) d.Handed = true;
        await WriteAsync();
    }

    /// <summary>
    /// The parent lines of the student's district, as its directory holds them now: guardians' texts end with their
    /// numbers. The directory grain calls no grain back, so asking it from the case's turn cannot deadlock.
    /// </summary>
    private async Task<HotlineEntry[]> ParentHotlinesAsync() =>
        (await GrainFactory.GetGrain<IHotlineDirectoryGrain>(S.Placement!.DistrictId).GetAsync()).For(HotlineAudience.Parents);

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

    /// <summary>
    /// The police text of a missing episode: to the school's police contacts, with the last-seen facts of the episode it
    /// names and the school's contact number. The outbox still checks that the episode is open (<see cref="PoliceRecipients"/>).
    /// </summary>
    private async Task AddressPoliceAsync(CaseOutbox outbox, PendingText text)
    {
        var school = await GrainFactory.GetGrain<IWarningNodeGrain>(S.Placement!.SchoolId).GetAsync();
        var episode = S.MissingEpisodes.FirstOrDefault(e => text.MessageIdPrefix == $"{S.CaseId}.missing{e.Number}");
        var recipients = episode is null ? [] : PoliceRecipients.ContactsOf(school)
            .Select(r => new SmsRecipient(r.ResponderId, r.Name, r.Role, r.Phone, null, "zh-CN")).ToList();
        var facts = episode is null ? null
            : new MissingTextFacts(episode.Report.LastSeenAt, episode.Report.LastSeenPlace.Trim(), PoliceRecipients.SchoolContactPhone(school));
        // No police contact configured: the text goes nowhere, and the case's trail says so rather than stay silent.
        if (episode is not null && recipients.Count == 0)
            Audit(Actor.System, AuditActions.TextUndeliverable, null, $"recipient=police; episode={episode.Number}; status=NoPoliceContact");
        outbox.Address(text, S.CaseId, S.Grade, school?.Name ?? "", recipients, time.GetUtcNow(), Synthetic, facts);
    }

    public async Task OnSmsOutcomeAsync(SmsOutcome outcome)
    {
        var outbox = Outbox;
        if (outbox.Record(outcome) is not { } dispatch) return;
        AlertEventKind? kind = null;
        if (outcome.Status.IsUnreachable())
        {
            Audit(Actor.System, AuditActions.TextUndeliverable, null, $"recipient={outcome.RecipientId}; status={outcome.Status}; code={outcome.ErrorCode}");
            // A text withheld for an opt-out (STOP before it, even before any text) shows like a STOP after one.
            if (outcome.Status == SmsStatus.Unsubscribed) SetSubscription(outcome.RecipientId, subscribed: false);
            kind = AlertEventKind.CaseUpdated;
            if (Status != Contracts.Cases.CaseStatus.Closed && outbox.EveryTextUnreachable(dispatch.Firing))
                kind = Apply(Escalation.StepUnreachable(dispatch.Firing, time.GetUtcNow())) ?? kind;
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
