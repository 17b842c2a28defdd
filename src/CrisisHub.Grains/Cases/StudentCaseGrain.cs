using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// One student case. It owns the case's life cycle, its escalation and deadlines, and its audit chain.
/// It orchestrates: every command validates, asks the plain decision classes (<see cref="CaseStatusRules"/>,
/// <see cref="AlertEscalation"/>, <see cref="CaseOutbox"/>) what follows, writes once, then publishes.
/// </summary>
public sealed partial class StudentCaseGrain(
    [PersistentState("case", StorageNames.Cases)] IPersistentState<StudentCaseState> state,
    IAlertNotifier notifier,
    // The clock Orleans drives grain timers with; tests replace it alone, leaving ASP.NET Core on real time.
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IAuditLog auditLog,
    Contracts.Wallboard.IAlertBoard board,
    Telemetry.CrisisHubMetrics metrics,
    ILogger<StudentCaseGrain> logger) : Grain, IStudentCaseGrain, IRemindable
{
    public const int MaxNoteLength = Limits.MaxTextLength;
    private StudentCaseState S => state.State;

    /// <summary>Derived on every read, so a command sees the status its own change leads to.</summary>
    private CaseStatus Status => CaseStatusRules.Derive(CaseFacts.Of(S));
    private bool Opened => state.RecordExists && S.CaseId.Length > 0;
    private AlertEscalation Escalation => new(S.Escalation, S.Placement!, S.Grade);
    private CaseOutbox Outbox => new(S.PendingTexts, S.Outbox, S.MissingEpisodes);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Rows written before status was derived hold no acknowledgement fact; their stored status still tells it.
        if (S.Status == CaseStatus.Acknowledged) S.Escalation.AcknowledgedSinceRaised = true;
        await OpenAuditAsync();
        await RepairBoardsAsync();
        if (!Opened || Status == CaseStatus.Closed) return;
        // Texts decided or addressed before a crash go out now; a deadline may have passed while no activation
        // existed (or while the server was down): deal with it, then arm the timer and reminder for the next one.
        await DeliverTextsAsync();
        await EvaluateDeadlinesAsync();
    }

    public async Task<CaseView> OpenAsync(CaseOpening opening)
    {
        if (Opened)
        {
            if (S.Flags.Any(f => f.FlagId == opening.FirstFlag.FlagId)) return View();
            throw DomainRuleException.Conflict($"Case {opening.CaseId} is already open.");
        }

        var now = time.GetUtcNow();
        FlagTaken();
        var flag = opening.FirstFlag;
        S.CaseId = opening.CaseId;
        S.StudentId = opening.StudentId;
        S.StudentName = opening.StudentName;
        S.Placement = opening.Placement;
        S.Grade = flag.SuggestedGrade;
        S.OpenedAt = now;
        S.Flags.Add(ToView(flag));
        Audit(flag.Reporter, AuditActions.CaseOpened, null, $"grade={S.Grade}; flag={flag.FlagId}; source={flag.Source}");
        if (flag.Missing is { } missing) StartMissingEpisode(flag, missing, now);

        var kind = await StartEscalationAsync(now);
        try { await SaveAndPublishAsync(kind); }
        // Whatever happened, the next push is not this flag's.
        finally { _flagTakenAt = null; }
        MeasureFlag(flag);
        return View();
    }

    public async Task<CaseView> AttachFlagAsync(FlagSubmission flag)
    {
        EnsureOpen();
        if (S.Flags.Any(f => f.FlagId == flag.FlagId)) return View();

        var now = time.GetUtcNow();
        FlagTaken();
        S.Flags.Add(ToView(flag));
        Audit(flag.Reporter, AuditActions.FlagAttached, $"flags={S.Flags.Count - 1}", $"flags={S.Flags.Count}; flag={flag.FlagId}; suggested={flag.SuggestedGrade}");
        AlertEventKind? kind = AlertEventKind.CaseUpdated;
        // A student going missing raises the alarm afresh whatever the case's grade: a missing report on a case already
        // acknowledged at the same grade restarts escalation (and tells the police) rather than attaching quietly.
        var missingNow = flag.Missing is { } missing && OpenMissingEpisode is null;
        if (missingNow) StartMissingEpisode(flag, flag.Missing!, now);
        if (flag.SuggestedGrade > S.Grade)
        {
            // A new flag may raise the grade (and restart escalation under the new policy), never lower it.
            RecordGradeChange(flag.Reporter, flag.SuggestedGrade, $"flag {flag.FlagId} suggested {flag.SuggestedGrade}", now);
            kind = await StartEscalationAsync(now);
        }
        else if (missingNow)
        {
            kind = await StartEscalationAsync(now);
        }

        try { await SaveAndPublishAsync(kind); }
        // Whatever happened, the next push is not this flag's.
        finally { _flagTakenAt = null; }
        MeasureFlag(flag);
        return View();
    }

    public async Task<AcknowledgeResult> AcknowledgeAsync(Actor actor)
    {
        EnsureOpen();
        var e = S.Escalation;
        if (e.State == AlertState.Acknowledged) return new AcknowledgeResult(false, true, e.AcknowledgedBy, e.AcknowledgedAt);
        if (e.State != AlertState.Triggered) throw DomainRuleException.Conflict($"Case {S.CaseId} has no alert to acknowledge.");

        Acknowledge(actor, time.GetUtcNow());
        await SaveAndPublishAsync(AlertEventKind.Acknowledged);
        return new AcknowledgeResult(true, false, e.AcknowledgedBy, e.AcknowledgedAt);
    }

    public async Task<CaseView> RecordActionAsync(Actor actor, CaseActionKind kind, string? note)
    {
        EnsureOpen();
        if (!Enum.IsDefined(kind)) throw DomainRuleException.Invalid("kind", "is not a known action");
        if (note?.Length > MaxNoteLength) throw DomainRuleException.Invalid("note", $"is longer than {MaxNoteLength} characters");

        var now = time.GetUtcNow();
        // Helping implies having seen the alert: an action on a triggered alert acknowledges it too.
        var eventKind = AlertEventKind.CaseUpdated;
        if (S.Escalation.State == AlertState.Triggered)
        {
            Acknowledge(actor, now);
            eventKind = AlertEventKind.Acknowledged;
        }

        Escalation.ActionTaken();
        var before = Status;
        S.Actions.Add(new CaseActionView(kind, note, actor.ActorId, actor.DisplayName, now, actor.Role));
        Audit(actor, AuditActions.ActionRecorded, $"status={before}", $"status={Status}; action={kind}");
        await SaveAndPublishAsync(eventKind);
        return View();
    }

    public async Task<CaseView> ChangeGradeAsync(Actor actor, CrisisGrade grade, string reason)
    {
        EnsureOpen();
        if (!Enum.IsDefined(grade)) throw DomainRuleException.Invalid("grade", "is not a crisis grade");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxNoteLength)
            throw DomainRuleException.Invalid("reason", "is required to change a grade");
        if (grade == S.Grade) throw DomainRuleException.Conflict($"Case {S.CaseId} is already {grade}.");

        var now = time.GetUtcNow();
        var raised = grade > S.Grade;
        RecordGradeChange(actor, grade, reason, now);
        var kind = raised ? await StartEscalationAsync(now) : await ApplyLowerGradeAsync();
        await SaveAndPublishAsync(kind);
        return View();
    }

    public async Task<CaseView> CloseAsync(Actor actor, string disposition)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(disposition) || disposition.Length > MaxNoteLength)
            throw DomainRuleException.Invalid("disposition", "is required to close a case: say what was done");
        if (S.Referrals.FirstOrDefault(r => r.Summary.FollowUpActive) is { } active)
            throw DomainRuleException.Conflict($"Referral {active.Summary.ReferralId} is {active.Summary.Status} and still owes steps or check-ins; close the case when it is done (or cancel it).");

        var now = time.GetUtcNow();
        var before = Status;
        S.ClosedAt = now;
        S.Disposition = disposition;
        Escalation.Resolve();
        Audit(actor, AuditActions.CaseClosed, $"status={before}", $"status=Closed");
        await SaveAndPublishAsync(AlertEventKind.Closed);
        await GrainFactory.GetGrain<Contracts.Network.IStudentGrain>(S.StudentId).ReleaseCaseAsync(S.CaseId);
        return View();
    }

    public async Task WakeAsync()
    {
        if (Opened && Status != CaseStatus.Closed) await EvaluateDeadlinesAsync();
    }

    private void Acknowledge(Actor actor, DateTimeOffset now)
    {
        var before = Status;
        var step = Escalation.Acknowledge(actor.ActorId, now);
        // An outside system acknowledging (a missing student found by the police's client) owns nothing: owners are people.
        if (actor.Role is not null) S.OwnerId ??= actor.ActorId;
        Audit(actor, AuditActions.AlertAcknowledged, $"status={before}", $"status={Status}; owner={S.OwnerId}", step);
    }

    private void RecordGradeChange(Actor actor, CrisisGrade grade, string reason, DateTimeOffset now)
    {
        S.GradeChanges.Add(new GradeChangeView(S.Grade, grade, reason, actor.ActorId, now));
        Audit(actor, AuditActions.GradeChanged, $"grade={S.Grade}", $"grade={grade}");
        S.Grade = grade;
    }

    /// <summary>The nodes a step fired at in this turn, told with the turn's notification (for Web Push), then forgotten.</summary>
    private readonly HashSet<string> _firedNodeIds = [];

    /// <summary>Records what the escalation decided: its trail records in order, its texts in the outbox, the nodes a step fired at.</summary>
    private AlertEventKind? Apply(EscalationDecision decision)
    {
        foreach (var record in decision.Records) Audit(Actor.System, record.Action, record.Before, record.After, record.Step);
        if (decision.Texts is { } texts) Outbox.Plan(S.CaseId, texts);
        if (decision.FiredNodeIds is { } fired) _firedNodeIds.UnionWith(fired);
        return decision.Kind;
    }

    private void EnsureOpened()
    {
        if (!Opened) throw DomainRuleException.NotFound($"Case '{this.GetPrimaryKeyString()}' does not exist.");
    }

    private void EnsureOpen()
    {
        EnsureOpened();
        if (Status == CaseStatus.Closed) throw DomainRuleException.Conflict($"Case {S.CaseId} is closed.");
    }

    private static FlagView ToView(FlagSubmission f) =>
        new(f.FlagId, f.Source, f.Signs, f.Note, f.SuggestedGrade, f.Reporter.ActorId, f.SubmittedAt);
}
