using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Deadlines;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Plans;

/// <summary>
/// The plan's review date as a deadline. A <see cref="DeadlineAlarm"/> holds it, its timer without keeping the activation
/// alive (a review is days away; its durable reminder, of its own name, brings the grain back, so a review that fell due
/// while the server was down is alerted within a minute of the start, after the crisis deadlines). When the date has passed
/// without a version moving it, the owner gets one General alert — recorded in the chain first, then pushed to their
/// live pages; their inbox lists the plans whose review is overdue.
/// </summary>
public sealed partial class StudentPlanGrain
{
    /// <summary>Timers and reminders take no due time beyond about 49 days: a later review is watched in steps.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    private DeadlineAlarm? _alarm;
    /// <summary>Not the crisis deadlines' reminder: the start-up sweep, which wakes those first, leaves plans to their own.</summary>
    public const string ReviewReminderName = "plan-review";

    private DeadlineAlarm Alarm => _alarm ??= new DeadlineAlarm(new GrainDeadlineTimers(this, keepAlive: false), time, CheckReviewAsync, ReviewReminderName);

    private async Task CheckReviewAsync()
    {
        if (Current is not { } current || PlanRules.IsClosed(current.Plan) || S.ReviewAlertedFor == current.Plan.NextReviewOn)
        {
            await Alarm.SetAsync(null);
            return;
        }

        var now = time.GetUtcNow();
        var due = PlanRules.ReviewDueAt(current.Plan.NextReviewOn);
        if (now < due)
        {
            await Alarm.SetAsync(due - now > LongestWait ? now + LongestWait : due);
            return;
        }

        _trail!.Add(now, Actor.System, PlanChain.ReviewDue, null,
            PlanChain.SerializeReviewDue(current.Version, current.Plan.NextReviewOn, current.Plan.OwnerUserName));
        await AppendTrailAsync();
        S.ReviewAlertedFor = current.Plan.NextReviewOn;
        S.ReviewAlertedAt = now;
        await state.WriteStateAsync();
        await Alarm.SetAsync(null);
        LogReviewDue(StudentId, current.Version, current.Plan.NextReviewOn);
        try
        {
            await notifier.PublishPlanReviewAsync(new PlanReviewNotification(current.Plan.OwnerUserName, StudentId, CrisisGrade.General, now,
                $"plan:{StudentId}:{current.Plan.NextReviewOn:yyyy-MM-dd}"));
        }
        catch (Exception exception)
        {
            // The alert is recorded and the owner's inbox lists the overdue review; only the live push was lost.
            LogPushFailed(exception, StudentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "PlanReviewDue",
        Message = "Plan of student {StudentId}: the review of version {Version} was due {NextReviewOn:yyyy-MM-dd} and is not done; its owner is alerted")]
    private partial void LogReviewDue(string studentId, int version, DateOnly nextReviewOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan of student {StudentId}: the review alert is recorded but the owner's live pages were not told")]
    private partial void LogPushFailed(Exception exception, string studentId);
}
