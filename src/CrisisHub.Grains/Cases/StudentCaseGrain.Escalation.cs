using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Deadlines;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The grain's side of escalation: fetching the school's policy and keeping the deadline alarm; the rules
/// are <see cref="AlertEscalation"/>'s. The next deadline is held by a <see cref="DeadlineAlarm"/> (timer for
/// precision, reminder for durability), which only calls <see cref="EvaluateDeadlinesAsync"/>; that compares
/// stored deadlines with the clock, so a double firing is harmless.
/// </summary>
public sealed partial class StudentCaseGrain
{
    private DeadlineAlarm? _alarm;
    private DeadlineAlarm Alarm => _alarm ??= new DeadlineAlarm(this, time, EvaluateDeadlinesAsync);

    /// <summary>(Re)starts escalation under the policy of the current grade: raising a grade restarts notifications.</summary>
    /// <param name="policyGrade">The grade whose policy runs, when not the case's own (a missed follow-up check-in raises a General alert).</param>
    private async Task<AlertEventKind?> StartEscalationAsync(DateTimeOffset now, CrisisGrade? policyGrade = null) =>
        Apply(Escalation.Start(await PolicyAsync(policyGrade ?? S.Grade), now));

    private async Task<AlertEventKind?> ApplyLowerGradeAsync() => Apply(Escalation.LowerGrade(await PolicyAsync(S.Grade)));

    private Task<Contracts.Escalation.EscalationPolicy> PolicyAsync(CrisisGrade grade) =>
        GrainFactory.GetGrain<IWarningNodeGrain>(S.Placement!.SchoolId).GetPolicyAsync(grade);

    private async Task EvaluateDeadlinesAsync()
    {
        var now = time.GetUtcNow();
        var e = S.Escalation;
        var (deadline, dueAt) = e.State == AlertState.Acknowledged ? ("action", e.ActionDueAt) : ("escalation", e.StepDeadline);
        var kind = Apply(Escalation.Evaluate(now));
        if (kind is null)
        {
            await ArmDeadlineAsync();
            return;
        }

        if (dueAt <= now) metrics.DeadlineLateness(deadline, now - dueAt.Value);
        await SaveAndPublishAsync(kind);
    }

    private Task ArmDeadlineAsync() => Alarm.SetAsync(Status == CaseStatus.Closed ? null : S.Escalation.NextDeadline);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == DeadlineAlarm.ReminderName ? EvaluateDeadlinesAsync() : Task.CompletedTask;
}
