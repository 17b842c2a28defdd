using System.Security.Cryptography;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Sms;

[GenerateSerializer, Alias("CrisisHub.SmsContactState")]
public sealed class SmsContactState
{
    [Id(0)] public List<ReplyTarget> Targets { get; set; } = [];
    [Id(1)] public bool Unsubscribed { get; set; }
    [Id(2)] public int? UnreachableCode { get; set; }
    [Id(3)] public List<DateTimeOffset> AutoReplies { get; set; } = [];
    [Id(4)] public DateTimeOffset NextGeneralSlot { get; set; }

    /// <summary>Texts not sent because the number had opted out: START tells their cases it can be reached again.</summary>
    [Id(5)] public List<WithheldText> Withheld { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("CrisisHub.WithheldText")]
public sealed record WithheldText(string CaseId, string RecipientId);

/// <summary>One phone number (keyed by E.164): what a reply from it can refer to, and what it agreed to receive.</summary>
public sealed class SmsContactGrain(
    [PersistentState("contact", StorageNames.Sms)] IPersistentState<SmsContactState> state) : Grain, ISmsContactGrain
{
    public const int MaxAutoRepliesPerHour = 5;
    private const int KeptTargets = 20;
    private static readonly TimeSpan TargetLifetime = TimeSpan.FromDays(7);

    private SmsContactState S => state.State;

    public async Task<ReplyTarget> AssignReplyCodeAsync(string messageId, string caseId, SmsRecipient recipient, DateTimeOffset sentAt)
    {
        if (S.Targets.FirstOrDefault(t => t.MessageId == messageId) is { } existing) return existing;
        S.Targets.RemoveAll(t => sentAt - t.SentAt > TargetLifetime);
        string code;
        do code = RandomNumberGenerator.GetInt32(1000, 10000).ToString();
        while (S.Targets.Any(t => t.Code == code));
        var target = new ReplyTarget(code, messageId, caseId, recipient, sentAt);
        S.Targets.Add(target);
        if (S.Targets.Count > KeptTargets) S.Targets.RemoveRange(0, S.Targets.Count - KeptTargets);
        await state.WriteStateAsync();
        return target;
    }

    public async Task<InboundDecision> InterpretAsync(string body, DateTimeOffset receivedAt)
    {
        var (meaning, code) = ReplyParser.Parse(body);
        // An opt-out binds whether or not we ever texted this number (a guardian may send STOP before the first
        // alert); it gets no answer either way.
        if (meaning is ReplyParser.Meaning.Stop or ReplyParser.Meaning.Start)
        {
            var stop = meaning == ReplyParser.Meaning.Stop;
            await SetSubscribedAsync(!stop);
            return new InboundDecision(stop ? InboundKind.Stop : InboundKind.Start, null, false, S.Targets.LastOrDefault()?.Recipient.Language ?? "zh-CN");
        }

        // Anything else from a number we never texted gets no answer at all: replying would invite loops and leaks.
        if (S.Targets.Count == 0) return new InboundDecision(InboundKind.Unknown, null, false, "zh-CN");
        var language = S.Targets[^1].Recipient.Language;
        var decision = meaning switch
        {
            ReplyParser.Meaning.Latest => new InboundDecision(InboundKind.Acknowledge, S.Targets[^1], false, language),
            ReplyParser.Meaning.Code when S.Targets.LastOrDefault(t => t.Code == code) is { } target =>
                new InboundDecision(InboundKind.Acknowledge, target, false, target.Recipient.Language),
            _ => new InboundDecision(InboundKind.NotUnderstood, null, false, language),
        };

        // Loop guard: a handful of automatic answers per number per hour, whatever it sends.
        S.AutoReplies.RemoveAll(at => receivedAt - at > TimeSpan.FromHours(1));
        if (S.AutoReplies.Count >= MaxAutoRepliesPerHour) return decision;
        S.AutoReplies.Add(receivedAt);
        await state.WriteStateAsync();
        return decision with { MayReply = true };
    }

    private async Task SetSubscribedAsync(bool subscribed)
    {
        var cases = S.Targets.Select(t => (t.CaseId, t.Recipient.RecipientId))
            .Concat(S.Withheld.Select(w => (w.CaseId, w.RecipientId))).Distinct().ToList();
        var changed = S.Unsubscribed == subscribed || subscribed && S.Withheld.Count > 0;
        S.Unsubscribed = !subscribed;
        // The withheld texts stay unsent (an old alert arriving late misleads); their cases show the number
        // reachable again, and the next text goes out.
        if (subscribed) S.Withheld.Clear();
        if (changed) await state.WriteStateAsync();
        foreach (var (caseId, recipientId) in cases)
            await GrainFactory.GetGrain<IStudentCaseGrain>(caseId).OnSubscriptionChangedAsync(recipientId, subscribed);
    }

    public async Task<bool> WithholdIfUnsubscribedAsync(string caseId, string recipientId)
    {
        if (!S.Unsubscribed) return false;
        if (!S.Withheld.Contains(new WithheldText(caseId, recipientId)))
        {
            S.Withheld.Add(new WithheldText(caseId, recipientId));
            if (S.Withheld.Count > KeptTargets) S.Withheld.RemoveRange(0, S.Withheld.Count - KeptTargets);
            await state.WriteStateAsync();
        }

        return true;
    }

    public async Task MarkUnreachableAsync(int errorCode)
    {
        S.UnreachableCode = errorCode;
        // 21610: the recipient has replied STOP to this sender; the provider will refuse until START.
        if (errorCode == TwilioErrors.Unsubscribed) S.Unsubscribed = true;
        await state.WriteStateAsync();
    }

    public async Task<DateTimeOffset> ReserveGeneralSlotAsync(DateTimeOffset earliest, TimeSpan spacing)
    {
        var slot = earliest > S.NextGeneralSlot ? earliest : S.NextGeneralSlot;
        S.NextGeneralSlot = slot + spacing;
        await state.WriteStateAsync();
        return slot;
    }
}

/// <summary>The provider error codes CrisisHub acts on.</summary>
public static class TwilioErrors
{
    public const int InvalidNumber = 21211;
    public const int Unsubscribed = 21610;
    public const int NotMobile = 21614;

    public static bool IsPermanent(int code) => code is InvalidNumber or Unsubscribed or NotMobile
        or 21408 or 21612 or 30003 or 30005 or 30006;
}
