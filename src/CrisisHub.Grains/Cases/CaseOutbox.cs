using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Hotlines;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The texts of a case, as plain data: texts decided but not yet addressed (<see cref="PendingText"/>), texts
/// addressed to a person (<see cref="SmsDispatch"/>) and what became of them. A decision to text is stored in the
/// same write as the step that made it; turning it into messages needs the network's responders, which the grain
/// looks up afterwards, so a crash in between leaves the decision pending instead of losing it.
/// </summary>
public sealed class CaseOutbox(List<PendingText> pending, List<SmsDispatch> dispatches, IReadOnlyList<MissingEpisodeState>? missingEpisodes = null)
{
    private MissingEpisodeState? LatestEpisode => missingEpisodes is { Count: > 0 } episodes ? episodes[^1] : null;

    /// <summary>The texts of an escalation step, one per on-duty responder of its nodes, keyed by case and firing.</summary>
    public void Plan(string caseId, StepTexts texts) => pending.Add(new PendingText
    {
        MessageIdPrefix = $"{caseId}.{texts.Firing}",
        Purpose = SmsPurpose.Alert,
        NodeIds = [.. texts.NodeIds],
        Firing = texts.Firing,
        Step = texts.StepIndex,
        Round = texts.Round,
    });

    /// <summary>
    /// The texts telling the school level that a referral deadline passed. Not a step of the escalation
    /// (firing -1), so their outcomes never move the alert on.
    /// </summary>
    public void PlanReferralOverdue(string referralId, int eventSequence, string schoolId, int stepIndex, int round) => pending.Add(new PendingText
    {
        MessageIdPrefix = $"{referralId}.missed{eventSequence}",
        Purpose = SmsPurpose.ReferralOverdue,
        NodeIds = [schoolId],
        Firing = -1,
        Step = stepIndex,
        Round = round,
    });

    /// <summary>
    /// The text telling the school's police contact that a student is missing (episode <paramref name="episode"/>). Not a step
    /// of the escalation (firing -1), so its outcome never moves the alert on.
    /// </summary>
    public void PlanMissingPolice(string caseId, int episode, string schoolId) => pending.Add(new PendingText
    {
        MessageIdPrefix = $"{caseId}.missing{episode}",
        Purpose = SmsPurpose.MissingPolice,
        NodeIds = [schoolId],
        Firing = -1,
    });

    /// <summary>
    /// "Found" to everyone texted about the case so far (alerts and the police text), once each, in the same write as the
    /// found facts: the recipients are known already, so the texts are addressed at once.
    /// </summary>
    public void AddressFound(string caseId, int episode, CrisisGrade grade, DateTimeOffset now, bool synthetic = false)
    {
        var told = dispatches
            .Where(d => d.Request.Purpose is SmsPurpose.Alert or SmsPurpose.MissingPolice && d.Request.Recipient.Phone.Length > 0)
            .DistinctBy(d => d.Request.Recipient.RecipientId).ToList();
        if (told.Count == 0) return;
        var text = new PendingText { MessageIdPrefix = $"{caseId}.found{episode}", Purpose = SmsPurpose.MissingFound, Firing = -1 };
        Address(text, caseId, grade, told[0].Request.SchoolName, told.Select(d => d.Request.Recipient), now, synthetic);
    }

    public IReadOnlyList<PendingText> Pending => pending;

    /// <summary>
    /// Addresses a pending decision to its recipients; a message already addressed (a retry after a crash) is not added twice.
    /// A recipient the text's purpose may not reach (<see cref="PoliceRecipients"/>) is left out: every text passes here.
    /// Guardians' texts carry <paramref name="guardianHotlines"/>, the numbers their text ends with.
    /// </summary>
    public void Address(PendingText text, string caseId, CrisisGrade grade, string schoolName, IEnumerable<SmsRecipient> recipients, DateTimeOffset now,
        bool synthetic = false, MissingTextFacts? missing = null, HotlineEntry[]? guardianHotlines = null)
    {
        foreach (var recipient in recipients)
        {
            if (!PoliceRecipients.MayReceive(recipient.Role, text.Purpose, LatestEpisode)) continue;
            var hotlines = recipient.Role == ResponderRole.Guardian ? guardianHotlines : null;
            var request = new SmsRequest($"{text.MessageIdPrefix}.{recipient.RecipientId}", caseId, recipient, grade, schoolName, now, text.Purpose, synthetic,
                text.Purpose == SmsPurpose.MissingPolice ? missing : null, hotlines);
            if (dispatches.Any(d => d.Request.MessageId == request.MessageId)) continue;
            dispatches.Add(new SmsDispatch { Request = request, Firing = text.Firing, Step = text.Step, Round = text.Round, Status = SmsStatus.Queued });
        }

        pending.Remove(text);
    }

    /// <summary>Addressed texts the message grains don't have yet.</summary>
    public IReadOnlyList<SmsDispatch> Unhanded => [.. dispatches.Where(d => !d.Handed)];

    /// <summary>Records what became of a text; null when the text is unknown or the outcome is no news.</summary>
    public SmsDispatch? Record(SmsOutcome outcome)
    {
        var dispatch = dispatches.FirstOrDefault(d => d.Request.MessageId == outcome.MessageId);
        if (dispatch is null || dispatch.Status == outcome.Status) return null;
        dispatch.Status = outcome.Status;
        dispatch.ErrorCode = outcome.ErrorCode;
        return dispatch;
    }

    /// <summary>True when every text of an escalation firing is unreachable: nobody of that step can be reached by text.</summary>
    public bool EveryTextUnreachable(int firing) =>
        firing >= 0 && dispatches.Where(d => d.Firing == firing).All(d => d.Status.IsUnreachable());

    public int UnreachableCount => dispatches.Count(d => d.Status.IsUnreachable());
}
