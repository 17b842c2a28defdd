using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Referrals;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Referrals;

/// <summary>
/// Referral deadlines, held like a case's: a grain timer for precision while active, and an Orleans reminder
/// named like the case's so the start-up sweep wakes referrals too. Both only compare stored deadlines with
/// the clock, so a double firing reports nothing twice.
/// </summary>
public sealed partial class ReferralGrain
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReminderGrace = TimeSpan.FromSeconds(1);
    private IGrainTimer? _deadlineTimer;
    private DateTimeOffset? _armedFor;

    private async Task EvaluateDeadlinesAsync()
    {
        var now = time.GetUtcNow();
        var missed = ReferralDeadlines.Pending(S).Where(d => !d.Missed && d.DueAt <= now).ToList();
        foreach (var deadline in missed)
        {
            if (S.CheckIns.FirstOrDefault(c => ReferralDeadlines.CheckIn(c.Number) == deadline.Name) is { } checkIn)
            {
                checkIn.Missed = true;
                Append("CheckInMissed", Actor.System, null, deadline.Name, $"due {deadline.DueAt:O}", now);
            }
            else
            {
                S.Missed.Add(deadline.Name);
                Append("DeadlineMissed", Actor.System, null, deadline.Name, $"due {deadline.DueAt:O}", now);
            }

            LogDeadlineMissed(C.ReferralId, C.CaseId, C.Hospital.HospitalId, deadline.Name, deadline.DueAt);
        }

        if (missed.Count == 0)
        {
            await ArmDeadlineAsync();
            return;
        }

        EndFollowUpIfDone(now);
        await SaveAndPublishAsync("DeadlineMissed");
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "ReferralDeadlineMissed",
        Message = "Referral {ReferralId} of case {CaseId} at hospital {HospitalId}: {Deadline} was due {DueAt:O} and is missed")]
    private partial void LogDeadlineMissed(string referralId, string caseId, string hospitalId, string deadline, DateTimeOffset dueAt);

    private async Task ArmDeadlineAsync()
    {
        var next = ReferralDeadlines.NextToWatch(S);
        if (next == _armedFor && (next is null || _deadlineTimer is not null)) return;

        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        _armedFor = next;
        if (next is null)
        {
            if (await this.GetReminder(Cases.StudentCaseGrain.DeadlineReminderName) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }

        var due = next.Value - time.GetUtcNow();
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        _deadlineTimer = this.RegisterGrainTimer(static (grain, _) => grain.EvaluateDeadlinesAsync(), this,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        await this.RegisterOrUpdateReminder(Cases.StudentCaseGrain.DeadlineReminderName, due + ReminderGrace, ReminderPeriod);
    }
}
