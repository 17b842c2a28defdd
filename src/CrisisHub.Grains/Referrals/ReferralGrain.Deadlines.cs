using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Deadlines;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Referrals;

/// <summary>
/// Referral deadlines, held like a case's by a <see cref="DeadlineAlarm"/> (so the start-up sweep wakes
/// referrals too). The check compares stored deadlines with the clock and reports each miss once.
/// </summary>
public sealed partial class ReferralGrain
{
    private DeadlineAlarm? _alarm;
    private DeadlineAlarm Alarm => _alarm ??= new DeadlineAlarm(this, time, EvaluateDeadlinesAsync);

    private async Task EvaluateDeadlinesAsync()
    {
        var now = time.GetUtcNow();
        var missed = ReferralDeadlines.Pending(S).Where(d => !d.Missed && d.DueAt <= now).ToList();
        foreach (var deadline in missed)
        {
            if (S.CheckIns.FirstOrDefault(c => ReferralDeadlines.CheckIn(c.Number) == deadline.Name) is { } checkIn)
            {
                checkIn.Missed = true;
                Append(ReferralEventKinds.CheckInMissed, Actor.System, null, deadline.Name, $"due {deadline.DueAt:O}", now);
            }
            else
            {
                S.Missed.Add(deadline.Name);
                Append(ReferralEventKinds.DeadlineMissed, Actor.System, null, deadline.Name, $"due {deadline.DueAt:O}", now);
            }

            LogDeadlineMissed(C.ReferralId, C.CaseId, C.Hospital.HospitalId, deadline.Name, deadline.DueAt);
            metrics.DeadlineLateness("referral", now - deadline.DueAt);
            // Check-ins are numbered; one kind keeps the tag's values few.
            metrics.ReferralDeadlineMissed(deadline.Name.StartsWith("CheckIn", StringComparison.Ordinal) ? "CheckIn" : deadline.Name);
        }

        if (missed.Count == 0)
        {
            await ArmDeadlineAsync();
            return;
        }

        EndFollowUpIfDone(now);
        await SaveAndPublishAsync(ReferralEventKinds.DeadlineMissed);
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "ReferralDeadlineMissed",
        Message = "Referral {ReferralId} of case {CaseId} at hospital {HospitalId}: {Deadline} was due {DueAt:O} and is missed")]
    private partial void LogDeadlineMissed(string referralId, string caseId, string hospitalId, string deadline, DateTimeOffset dueAt);

    private Task ArmDeadlineAsync() => Alarm.SetAsync(ReferralDeadlines.NextToWatch(S));
}
