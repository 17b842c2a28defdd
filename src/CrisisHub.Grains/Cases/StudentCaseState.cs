using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Grains.Audit;

namespace CrisisHub.Grains.Cases;

[GenerateSerializer, Alias("CrisisHub.StudentCaseState")]
public sealed class StudentCaseState
{
    [Id(0)] public string CaseId { get; set; } = "";
    [Id(1)] public string StudentId { get; set; } = "";
    [Id(2)] public string StudentName { get; set; } = "";
    [Id(3)] public StudentPlacement? Placement { get; set; }
    [Id(4)] public CrisisGrade Grade { get; set; }
    /// <summary>
    /// The status derived from the facts below (<see cref="CaseStatusRules"/>), stamped here only as the row is
    /// written: rows written before it was derived have it, and the stored name stays a contract.
    /// </summary>
    [Id(5)] public CaseStatus Status { get; set; }
    [Id(6)] public string? OwnerId { get; set; }
    [Id(7)] public List<FlagView> Flags { get; set; } = [];
    [Id(8)] public List<CaseActionView> Actions { get; set; } = [];
    [Id(9)] public List<GradeChangeView> GradeChanges { get; set; } = [];
    [Id(10)] public string? Disposition { get; set; }
    [Id(11)] public DateTimeOffset OpenedAt { get; set; }
    [Id(12)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(13)] public EscalationState Escalation { get; set; } = new();

    /// <summary>
    /// Where earlier versions kept the hash-chained trail, rewriting it with every change and every read. Today the
    /// records live in the audit log; a case stored with them here moves them there on activation and leaves this
    /// empty. Kept (never removed) so those rows still read.
    /// </summary>
    [Id(14)] public List<AuditRecord> Audit { get; set; } = [];

    [Id(15)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Every text the escalation decided to send, recorded in the same write as the step that decided it.</summary>
    [Id(16)] public List<SmsDispatch> Outbox { get; set; } = [];
    [Id(17)] public List<string> UnsubscribedRecipients { get; set; } = [];
    [Id(18)] public List<Contracts.Sms.GuardianConfirmationView> GuardianConfirmations { get; set; } = [];
    [Id(19)] public List<ReferralLink> Referrals { get; set; } = [];
    [Id(20)] public List<Contracts.Referrals.GuardianConsentView> Consents { get; set; } = [];

    /// <summary>How many live notifications the case has published: each carries the next number.</summary>
    [Id(21)] public long NotificationSequence { get; set; }

    /// <summary>Texts decided but not yet addressed to people, stored in the same write as the decision (see <see cref="CaseOutbox"/>).</summary>
    [Id(22)] public List<PendingText> PendingTexts { get; set; } = [];

    /// <summary>
    /// The audit chain's last record as of this write. The log holds the records and is the truth (reads append
    /// to it without writing the case); this is the fallback should the log have nothing for the case.
    /// </summary>
    [Id(23)] public AuditHead? AuditHead { get; set; }

    /// <summary>Set once, when the audit log was found shorter than this head said: verification reports it for good.</summary>
    [Id(24)] public string? AuditLoss { get; set; }

    /// <summary>When retention removed the case's names and free text (its counts and times stay for reports).</summary>
    [Id(25)] public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>The trail's before/after were blanked after anonymising (a separate step: a crash in between is finished next time).</summary>
    [Id(26)] public bool TrailRedacted { get; set; }

    /// <summary>Every time the student went missing during this case, oldest first; the last is open until found.</summary>
    [Id(27)] public List<MissingEpisodeState> MissingEpisodes { get; set; } = [];
}

/// <summary>One missing episode: the report that opened it and, once recorded, the found facts.</summary>
[GenerateSerializer, Alias("CrisisHub.MissingEpisodeState")]
public sealed class MissingEpisodeState
{
    /// <summary>Counted from 1 within the case; part of the episode's text ids.</summary>
    [Id(0)] public int Number { get; set; }
    [Id(1)] public Contracts.Missing.MissingReport Report { get; set; } = null!;
    [Id(2)] public string ReportedBy { get; set; } = "";
    [Id(3)] public DateTimeOffset ReportedAt { get; set; }
    [Id(4)] public Contracts.Missing.FoundReport? Found { get; set; }
    [Id(5)] public string? FoundRecordedBy { get; set; }
    [Id(6)] public DateTimeOffset? FoundRecordedAt { get; set; }

    public bool Open => Found is null;
}

/// <summary>A decision to text the on-duty responders of some nodes, kept until it is addressed to each of them.</summary>
[GenerateSerializer, Alias("CrisisHub.PendingText")]
public sealed class PendingText
{
    /// <summary>The message ids' common part; each recipient's id is appended, so the same decision is the same text.</summary>
    [Id(0)] public string MessageIdPrefix { get; set; } = "";
    [Id(1)] public Contracts.Sms.SmsPurpose Purpose { get; set; }
    [Id(2)] public List<string> NodeIds { get; set; } = [];
    [Id(3)] public int Firing { get; set; }
    [Id(4)] public int Step { get; set; }
    [Id(5)] public int Round { get; set; }
}

/// <summary>What the case knows of one of its referrals: the latest summary and the last event it chained.</summary>
[GenerateSerializer, Alias("CrisisHub.ReferralLink")]
public sealed class ReferralLink
{
    [Id(0)] public Contracts.Referrals.ReferralSummary Summary { get; set; } = null!;
    [Id(1)] public int LastSequence { get; set; }
}

[GenerateSerializer, Alias("CrisisHub.SmsDispatch")]
public sealed class SmsDispatch
{
    [Id(0)] public Contracts.Sms.SmsRequest Request { get; set; } = null!;
    [Id(1)] public int Firing { get; set; }
    [Id(2)] public int Step { get; set; }
    [Id(3)] public int Round { get; set; }
    [Id(4)] public Contracts.Sms.SmsStatus Status { get; set; }
    [Id(5)] public int? ErrorCode { get; set; }

    /// <summary>False until the text grain has it; a crash in between is repaired on the next activation.</summary>
    [Id(6)] public bool Handed { get; set; }
}

[GenerateSerializer, Alias("CrisisHub.EscalationState")]
public sealed class EscalationState
{
    /// <summary>The policy in force, copied when escalation (re)starts so later edits don't change a running alert.</summary>
    [Id(0)] public EscalationPolicy? Policy { get; set; }
    [Id(1)] public AlertState State { get; set; }
    [Id(2)] public int StepIndex { get; set; }
    [Id(3)] public int Round { get; set; }
    [Id(4)] public DateTimeOffset? StepDeadline { get; set; }
    [Id(5)] public bool Exhausted { get; set; }
    [Id(6)] public string? AcknowledgedBy { get; set; }
    [Id(7)] public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>After an acknowledgement: when the alert triggers again if nobody has recorded an action.</summary>
    [Id(8)] public DateTimeOffset? ActionDueAt { get; set; }

    /// <summary>Every node notified so far; earlier levels stay informed as the alert climbs.</summary>
    [Id(9)] public List<string> NotifiedNodeIds { get; set; } = [];

    /// <summary>How many times a step has fired in this case: each firing is its own set of texts.</summary>
    [Id(10)] public int Firings { get; set; }

    /// <summary>
    /// Someone acknowledged the alert since it was last raised. Unlike <see cref="AcknowledgedAt"/> it survives
    /// the alert triggering again for want of an action: the case was seen, so it stays Acknowledged.
    /// </summary>
    [Id(11)] public bool AcknowledgedSinceRaised { get; set; }

    /// <summary>When the alert was last raised or triggered again: the time to acknowledgement is measured from it.</summary>
    [Id(12)] public DateTimeOffset? RaisedAt { get; set; }

    public DateTimeOffset? NextDeadline => State switch
    {
        AlertState.Triggered when !Exhausted => StepDeadline,
        AlertState.Acknowledged => ActionDueAt,
        _ => null,
    };
}
