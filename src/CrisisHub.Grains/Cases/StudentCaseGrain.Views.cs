using CrisisHub.Contracts.Audit;
using CrisisHub.Grains.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Sms;
using CrisisHub.Contracts.Wallboard;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Cases;

/// <summary>How a case shows itself: the full view for people allowed to read it, the masked summary for inboxes and wallboards.</summary>
public sealed partial class StudentCaseGrain
{
    public Task<CaseRouting?> GetRoutingAsync() => Task.FromResult(Opened
        ? new CaseRouting(S.CaseId, S.StudentId, S.Placement!, Status, [.. S.Flags.Select(f => f.FlagId)],
            [.. S.Flags.Select(f => f.ReporterId).Distinct()], S.Grade)
        : null);

    public async Task<CaseView> ReadAsync(Actor reader)
    {
        EnsureOpened();
        await RecordReadAsync(reader, AuditActions.CaseRead, null);
        return View();
    }

    public async Task RecordBreakGlassAsync(Actor reader, string useId, DateTimeOffset expiresAt)
    {
        EnsureOpened();
        await RecordReadAsync(reader, AuditActions.BreakGlassOpened, $"access={useId}; until={expiresAt:O}");
    }

    public async Task<CaseAnonymisation> AnonymiseIfClosedBeforeAsync(DateTimeOffset closedBefore)
    {
        string[] referrals = [.. S.Referrals.Select(r => r.Summary.ReferralId)];
        var now = false;
        if (S.AnonymisedAt is null)
        {
            if (!Opened || Status != CaseStatus.Closed || S.ClosedAt is not { } closed || closed >= closedBefore) return new CaseAnonymisation(false, []);
            Privacy.Anonymiser.Apply(S);
            S.AnonymisedAt = time.GetUtcNow();
            Audit(Actor.System, AuditActions.CaseAnonymised, null, $"closed={closed:O}; referrals={referrals.Length}");
            await WriteAsync();
            now = true;
        }

        if (!S.TrailRedacted)
        {
            // The trail keeps every record and hash; their before/after (which can hold reasons) are blanked. The case is its
            // stream's one writer, so nothing appends meanwhile.
            await auditLog.RedactAsync(Trail.Name, AuditChain.Redact);
            S.TrailRedacted = true;
            await WriteAsync();
        }

        return new CaseAnonymisation(now, referrals);
    }

    public async Task<string[]> ForgetTextNumbersBeforeAsync(DateTimeOffset decidedBefore)
    {
        if (!Opened) return [];
        // Only the texts forgotten now: answering every old text every night would wake each of their grains for ever.
        var numbered = S.Outbox.Where(d => d.Request.DecidedAt < decidedBefore && d.Request.Recipient.Phone.Length > 0).ToList();
        if (numbered.Count == 0) return [];
        foreach (var dispatch in numbered) dispatch.Request = dispatch.Request with { Recipient = dispatch.Request.Recipient with { Phone = "" } };
        await WriteAsync();
        return [.. numbered.Select(d => d.Request.MessageId)];
    }

    /// <summary>
    /// Writes state first (the source of truth, with any texts decided in the same write), starts the next deadline's
    /// timer, pushes the live notification as soon as that is durable, then updates the boards (inboxes and wallboards
    /// read those) while it hands the texts over and stores the deadline's reminder: the push waits for no other
    /// write. A failed push or board update is logged and repaired by the next change or activation; it never undoes
    /// the stored change.
    /// </summary>
    private async Task SaveAndPublishAsync(AlertEventKind? kind)
    {
        // The number is stored with the change it announces, so a restart never reuses one.
        if (kind is not null) S.NotificationSequence++;
        // Taken before the write: a change that fails to store pushes nothing, now or with a later change.
        string[] fired = [.. _firedNodeIds];
        _firedNodeIds.Clear();
        await WriteAsync();
        MeasureChange(kind);
        // The next deadline's timer starts here, before anyone hears of the change (its reminder is stored beside the
        // texts): a step announced is a step whose successor is already counting down.
        var arming = ArmDeadlineAsync();
        if (kind is null)
        {
            try { await DeliverTextsAsync(); }
            finally { await arming; }
            return;
        }

        var summary = Summary();
        var placement = S.Placement!;
        var boards = OnBoards();
        await PushAsync(new AlertNotification(kind.Value, summary, [.. S.Escalation.NotifiedNodeIds],
            placement.SchoolId, placement.DistrictId, time.GetUtcNow(), S.NotificationSequence, $"{S.CaseId}:{S.NotificationSequence}",
            OnBoards: boards.Length > 0, FiredNodeIds: fired));
        var boardUpdate = Publish(() => board.ApplyAsync(summary, S.NotificationSequence, boards), kind.Value);
        try
        {
            await DeliverTextsAsync();
        }
        finally
        {
            await arming;
            await boardUpdate;
        }
    }

    /// <summary>
    /// Puts the case's latest picture on its boards again. A board update lost to a crash after the push (or to a
    /// failure) is made good when the case next activates; when nothing was lost the board ignores the same version.
    /// </summary>
    public Task RepairBoardsAsync() => !Opened || S.NotificationSequence == 0
        ? Task.CompletedTask
        : Publish(() => board.ApplyAsync(Summary(), S.NotificationSequence, OnBoards()), AlertEventKind.CaseUpdated);

    private async Task Publish(Func<Task> publish, AlertEventKind kind)
    {
        try
        {
            await publish();
        }
        catch (Exception exception)
        {
            LogPublishFailed(exception, S.CaseId, kind);
        }
    }

    /// <summary>
    /// Where the case shows: the nodes its alert reached (their responders' inboxes), its school and its district,
    /// while its alert is live or a referral of it still owes a step; nowhere once it is done.
    /// </summary>
    private string[] OnBoards()
    {
        var done = Status == CaseStatus.Closed
            || S.Escalation.State is AlertState.None or AlertState.Resolved && !S.Referrals.Any(r => r.Summary.FollowUpActive);
        return done ? [] :
        [
            .. S.Escalation.NotifiedNodeIds.Select(BoardScope.Inbox),
            BoardScope.Wall(S.Placement!.SchoolId),
            BoardScope.Wall(S.Placement.DistrictId),
        ];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Kind} is stored but its live notification or boards were not all updated")]
    private partial void LogPublishFailed(Exception exception, string caseId, AlertEventKind kind);

    private AlertSummary Summary()
    {
        var e = S.Escalation;
        var levels = e.Policy is { Steps.Length: > 0 } p ? p.Steps[Math.Min(e.StepIndex, p.Steps.Length - 1)].Levels : [];
        return new AlertSummary(S.CaseId, NameMask.Mask(S.StudentName), S.Placement!.SchoolId, S.Placement.ClassId, S.Grade, Status,
            e.State, e.StepIndex, e.Round, levels, e.StepDeadline, e.Exhausted, S.Flags.Count, S.OpenedAt, S.UpdatedAt,
            Outbox.UnreachableCount, S.Referrals.LastOrDefault()?.Summary, S.NotificationSequence, OpenMissingEpisode?.Report.LastSeenAt);
    }

    private CaseView View()
    {
        var e = S.Escalation;
        var steps = e.Policy?.Steps ?? [];
        var escalation = new EscalationView(e.State, e.StepIndex, e.Round, steps.Length,
            steps.Length > 0 ? steps[Math.Min(e.StepIndex, steps.Length - 1)].Levels : [],
            e.StepDeadline, e.Exhausted, e.AcknowledgedBy, e.AcknowledgedAt, e.ActionDueAt, [.. e.NotifiedNodeIds]);
        return new CaseView(S.CaseId, S.StudentId, S.StudentName, S.Placement!, S.Grade, Status, S.OwnerId, escalation,
            [.. S.Flags], [.. S.Actions], [.. S.GradeChanges], S.Disposition, S.OpenedAt, S.ClosedAt,
            [.. S.Outbox.Select(d => new SmsDeliveryView(d.Request.MessageId, d.Request.Recipient.RecipientId, d.Request.Recipient.Name,
                d.Request.Recipient.Role, d.Firing, d.Step, d.Round, d.Status, d.ErrorCode))],
            [.. S.UnsubscribedRecipients], [.. S.GuardianConfirmations], [.. S.Referrals.Select(r => r.Summary)], [.. S.Consents],
            [.. S.MissingEpisodes.Select(m => new Contracts.Missing.MissingEpisodeView(m.Number, m.Report, m.ReportedBy, m.ReportedAt,
                m.Found, m.FoundRecordedBy, m.FoundRecordedAt))]);
    }
}
