using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Escalation;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Deadlines;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The escalation engine of a case. Its next deadline is held by a <see cref="DeadlineAlarm"/> (timer for
/// precision, reminder for durability), which only calls <see cref="EvaluateDeadlinesAsync"/>; that compares
/// stored deadlines with the clock, so a double firing is harmless.
/// </summary>
public sealed partial class StudentCaseGrain
{
    private DeadlineAlarm? _alarm;
    private DeadlineAlarm Alarm => _alarm ??= new DeadlineAlarm(this, time, EvaluateDeadlinesAsync);

    /// <summary>(Re)starts escalation under the policy of the current grade: raising a grade restarts notifications.</summary>
    /// <param name="policyGrade">The grade whose policy runs, when not the case's own (a missed follow-up check-in raises a General alert).</param>
    private async Task<AlertEventKind?> StartEscalationAsync(DateTimeOffset now, CrisisGrade? policyGrade = null)
    {
        var policy = await GrainFactory.GetGrain<IWarningNodeGrain>(S.Placement!.SchoolId).GetPolicyAsync(policyGrade ?? S.Grade);
        var e = S.Escalation;
        e.Policy = policy;
        e.StepIndex = 0;
        e.Round = 0;
        e.Exhausted = false;
        e.AcknowledgedBy = null;
        e.AcknowledgedAt = null;
        e.ActionDueAt = null;
        if (policy.Steps.Length == 0)
        {
            // The watch list raises no alert; it is reviewed in the monthly closed loop.
            e.State = e.State == AlertState.None ? AlertState.None : AlertState.Resolved;
            e.StepDeadline = null;
            return e.NotifiedNodeIds.Count > 0 ? AlertEventKind.CaseUpdated : null;
        }

        e.State = AlertState.Triggered;
        e.AcknowledgedSinceRaised = false;
        FireStep(now, AuditActions.AlertRaised);
        return AlertEventKind.Raised;
    }

    private async Task<AlertEventKind?> ApplyLowerGradeAsync()
    {
        // Lowering keeps the alert where it is but lets the lower grade's policy govern what follows.
        var policy = await GrainFactory.GetGrain<IWarningNodeGrain>(S.Placement!.SchoolId).GetPolicyAsync(S.Grade);
        var e = S.Escalation;
        e.Policy = policy;
        if (policy.Steps.Length == 0)
        {
            if (e.State is AlertState.Triggered or AlertState.Acknowledged) e.State = AlertState.Resolved;
            e.StepDeadline = null;
            e.ActionDueAt = null;
        }
        else
        {
            e.StepIndex = Math.Min(e.StepIndex, policy.Steps.Length - 1);
            e.Round = Math.Min(e.Round, policy.Repeats);
        }

        return AlertEventKind.CaseUpdated;
    }

    private void FireStep(DateTimeOffset now, string action)
    {
        var e = S.Escalation;
        var step = e.Policy!.Steps[e.StepIndex];
        foreach (var level in step.Levels)
        {
            // A level the student has no node at (no dormitory room) is skipped; the others still fire.
            if (S.Placement!.NodeAt(level) is { } nodeId && !e.NotifiedNodeIds.Contains(nodeId)) e.NotifiedNodeIds.Add(nodeId);
        }

        e.StepDeadline = now + step.AcknowledgeWithin;
        e.Firings++;
        if (step.Channels.Contains(DeliveryChannel.Sms)) _stepToText = (step, e.Firings, e.StepIndex, e.Round);
        Audit(Actor.System, action, null, $"grade={S.Grade}", CurrentStep(e.StepDeadline));
    }

    /// <summary>The step the alert stands at, as the trail records it (counted from 0, like the case view).</summary>
    private AuditStep CurrentStep(DateTimeOffset? deadline)
    {
        var e = S.Escalation;
        var steps = e.Policy?.Steps ?? [];
        var levels = steps.Length > 0 ? steps[Math.Min(e.StepIndex, steps.Length - 1)].Levels : [];
        return new AuditStep(e.StepIndex, e.Round, steps.Length, levels, deadline);
    }

    private async Task EvaluateDeadlinesAsync()
    {
        var now = time.GetUtcNow();
        var e = S.Escalation;
        AlertEventKind? kind = null;
        if (e.State == AlertState.Triggered && !e.Exhausted && e.StepDeadline <= now)
        {
            kind = Advance(now);
        }
        else if (e.State == AlertState.Acknowledged && e.ActionDueAt <= now)
        {
            // Acknowledging is not helping: with no action recorded in time, the alert triggers again.
            e.State = AlertState.Triggered;
            e.ActionDueAt = null;
            Audit(Actor.System, AuditActions.AlertRetriggered, $"acknowledgedBy={e.AcknowledgedBy}", "no action recorded in time");
            e.AcknowledgedBy = null;
            e.AcknowledgedAt = null;
            FireStep(now, AuditActions.AlertRenotified);
            kind = AlertEventKind.Retriggered;
        }

        if (kind is not null) await SaveAndPublishAsync(kind);
        else await ArmDeadlineAsync();
    }

    private AlertEventKind Advance(DateTimeOffset now)
    {
        var e = S.Escalation;
        var policy = e.Policy!;
        var (step, round) = e.StepIndex + 1 < policy.Steps.Length ? (e.StepIndex + 1, e.Round) : (0, e.Round + 1);
        if (round > policy.Repeats)
        {
            // The record keeps the step and round it ended on and the deadline nobody met.
            var missed = CurrentStep(e.StepDeadline);
            e.Exhausted = true;
            e.StepDeadline = null;
            Audit(Actor.System, AuditActions.EscalationExhausted, null, "nobody acknowledged after every step and repeat", missed);
            return AlertEventKind.Exhausted;
        }

        e.StepIndex = step;
        e.Round = round;
        FireStep(now, AuditActions.AlertEscalated);
        return AlertEventKind.Escalated;
    }

    private Task ArmDeadlineAsync() => Alarm.SetAsync(Status == CaseStatus.Closed ? null : S.Escalation.NextDeadline);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == DeadlineAlarm.ReminderName ? EvaluateDeadlinesAsync() : Task.CompletedTask;
}
