using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Grains.Telemetry;

/// <summary>
/// The instruments that describe CrisisHub's promise: a flag becomes an alert, the alert reaches people at once and
/// climbs until someone acknowledges it, deadlines fire on time, texts go out. Tags are low-cardinality ids and kinds
/// (school, grade, source, channel, outcome) and never a student, a name, a sign or free text. Synthetic canary cases
/// feed only the machinery's instruments (push, texts, deadlines, storage), never the promise's counts.
/// </summary>
public sealed class CrisisHubMetrics
{
    public const string MeterName = "CrisisHub";

    private readonly Counter<long> _flagsReceived;
    private readonly Counter<long> _alertsRaised;
    private readonly Histogram<double> _firstPush;
    private readonly Histogram<double> _acknowledged;
    private readonly Counter<long> _escalationSteps;
    private readonly Counter<long> _escalationExhausted;
    private readonly Histogram<double> _deadlineLateness;
    private readonly Counter<long> _smsQueued;
    private readonly Counter<long> _smsSent;
    private readonly Counter<long> _smsFailed;
    private readonly Histogram<double> _smsProviderDuration;
    private readonly Counter<long> _pushDeliveries;
    private readonly Counter<long> _webPushes;
    private readonly Counter<long> _referralDeadlinesMissed;

    /// <summary>
    /// The process's one CrisisHub meter for counters and histograms. Not made by the host's IMeterFactory on purpose: a
    /// factory's meters are disposed with their host, and OpenTelemetry then drops every stream of that name, also those of a
    /// host still running in the same process (tests run several servers in one process). Observable gauges, which read a
    /// host's own services, are made by the host's factory instead.
    /// </summary>
    public static readonly Meter Shared = new(MeterName);

    public CrisisHubMetrics()
    {
        var meter = Shared;
        _flagsReceived = meter.CreateCounter<long>("crisishub.flags.received", "{flag}", "Flags stored on a case (a retried flag counts once).");
        _alertsRaised = meter.CreateCounter<long>("crisishub.alerts.raised", "{alert}", "Alerts raised (a case opened with an alerting grade, or its grade raised).");
        _firstPush = meter.CreateHistogram<double>("crisishub.alert.first_push.duration", "s",
            "From the case taking the flag to the live push of the raised alert having gone out.", advice: Seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10));
        _acknowledged = meter.CreateHistogram<double>("crisishub.alert.acknowledge.duration", "s",
            "From an alert being raised (or raised again) to its acknowledgement.", advice: Seconds(10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200));
        _escalationSteps = meter.CreateCounter<long>("crisishub.escalation.steps", "{step}", "Escalation steps fired after the first: escalated or notified again.");
        _escalationExhausted = meter.CreateCounter<long>("crisishub.escalation.exhausted", "{alert}", "Alerts nobody acknowledged after every step and repeat.");
        _deadlineLateness = meter.CreateHistogram<double>("crisishub.deadline.lateness", "s",
            "How late a deadline was acted on, compared with when it fell due.", advice: Seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300));
        _smsQueued = meter.CreateCounter<long>("crisishub.sms.queued", "{text}", "Texts taken for sending.");
        _smsSent = meter.CreateCounter<long>("crisishub.sms.sent", "{text}", "Texts the provider accepted.");
        _smsFailed = meter.CreateCounter<long>("crisishub.sms.failed", "{text}", "Send attempts that failed: permanently, for now (retried) or with no answer (looked up before a resend).");
        _smsProviderDuration = meter.CreateHistogram<double>("crisishub.sms.provider.duration", "s",
            "How long the provider took to answer a send.", advice: Seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30));
        _pushDeliveries = meter.CreateCounter<long>("crisishub.push.deliveries", "{push}", "Live notifications handed to the hub (delivered) or lost to an error (failed).");
        _webPushes = meter.CreateCounter<long>("crisishub.webpush.sent", "{push}",
            "Web Pushes handed to a push service: delivered (taken), gone (the device unsubscribed; dropped) or failed (refused or no answer).");
        foreach (var outcome in (string[])["delivered", "gone", "failed"]) _webPushes.Add(0, new TagList { { "outcome", outcome } });
        _referralDeadlinesMissed = meter.CreateCounter<long>("crisishub.referral.deadlines.missed", "{deadline}", "Green-channel referral deadlines that passed unmet.");
        // Alert rules compare a counter with its value minutes ago; a series born at 1 has no "before" and its first event
        // would go unseen. So each counter of a rare event starts at 0 for every tag value known in advance.
        foreach (var deadline in Enum.GetNames<Contracts.Referrals.ReferralStatus>().Append(Referrals.ReferralDeadlines.CaringContact).Append("CheckIn"))
            _referralDeadlinesMissed.Add(0, new TagList { { "deadline", deadline } });
    }

    private static InstrumentAdvice<double> Seconds(params double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    public void FlagReceived(FlagSource source, CrisisGrade grade, string schoolId) =>
        _flagsReceived.Add(1, new TagList { { "source", source.ToString() }, { "grade", grade.ToString() }, { "school", schoolId } });

    /// <summary>Also starts the school's and grade's exhaustion counter at 0, before it can first count (see the constructor).</summary>
    public void AlertRaised(CrisisGrade grade, string schoolId)
    {
        var tags = new TagList { { "grade", grade.ToString() }, { "school", schoolId } };
        _alertsRaised.Add(1, tags);
        _escalationExhausted.Add(0, tags);
    }

    /// <summary>Starts a provider's failure counters at 0 for every reason, before the first failure (see the constructor).</summary>
    public void SmsProviderInUse(string provider)
    {
        foreach (var reason in (string[])["permanent", "transient", "unknown"]) SmsFailed(provider, reason, 0);
    }

    public void FirstPush(CrisisGrade grade, TimeSpan elapsed) =>
        _firstPush.Record(elapsed.TotalSeconds, new TagList { { "grade", grade.ToString() } });

    public void Acknowledged(CrisisGrade grade, string schoolId, TimeSpan sinceRaised) =>
        _acknowledged.Record(Math.Max(0, sinceRaised.TotalSeconds), new TagList { { "grade", grade.ToString() }, { "school", schoolId } });

    /// <summary>Also starts the exhaustion counter at 0 here: after a failover, the node that escalates may not be the one that raised.</summary>
    public void EscalationStep(CrisisGrade grade, string schoolId)
    {
        var tags = new TagList { { "grade", grade.ToString() }, { "school", schoolId } };
        _escalationSteps.Add(1, tags);
        _escalationExhausted.Add(0, tags);
    }

    public void EscalationExhausted(CrisisGrade grade, string schoolId) =>
        _escalationExhausted.Add(1, new TagList { { "grade", grade.ToString() }, { "school", schoolId } });

    /// <param name="deadline">escalation, action, referral or sms.</param>
    public void DeadlineLateness(string deadline, TimeSpan late) =>
        _deadlineLateness.Record(Math.Max(0, late.TotalSeconds), new TagList { { "deadline", deadline } });

    public void SmsQueued(CrisisGrade grade) => _smsQueued.Add(1, new TagList { { "grade", grade.ToString() } });

    public void SmsSent(string provider) => _smsSent.Add(1, new TagList { { "provider", provider } });

    /// <param name="reason">permanent, transient or unknown.</param>
    public void SmsFailed(string provider, string reason, int count = 1) =>
        _smsFailed.Add(count, new TagList { { "provider", provider }, { "reason", reason } });

    public void SmsProviderAnswered(string provider, string outcome, TimeSpan elapsed) =>
        _smsProviderDuration.Record(elapsed.TotalSeconds, new TagList { { "provider", provider }, { "outcome", outcome } });

    public void WebPushSent(string outcome) => _webPushes.Add(1, new TagList { { "outcome", outcome } });

    public void PushDelivered(string eventKind, bool delivered) =>
        _pushDeliveries.Add(1, new TagList { { "event", eventKind }, { "outcome", delivered ? "delivered" : "failed" } });

    /// <param name="deadline">The referral deadline's kind (a step's name, or "CheckIn" for any check-in).</param>
    public void ReferralDeadlineMissed(string deadline) => _referralDeadlinesMissed.Add(1, new TagList { { "deadline", deadline } });
}
