using CrisisHub.Contracts.Notifications;
using CrisisHub.Grains.Notifications;

namespace CrisisHub.Grains.Tests;

/// <summary>Thread-safe record of every notification the grains publish, with a way to wait for one.</summary>
public sealed class RecordingNotifier : IAlertNotifier
{
    private readonly List<AlertNotification> _all = [];
    private readonly List<(Func<IReadOnlyList<AlertNotification>, AlertNotification?> Select, TaskCompletionSource<AlertNotification> Done)> _waiters = [];
    private readonly Lock _lock = new();
    private readonly List<ReferralNotification> _referrals = [];
    private readonly List<PlanReviewNotification> _planReviews = [];

    private readonly List<(string StudentId, TaskCompletionSource<PlanReviewNotification> Done)> _planWaiters = [];

    public Task PublishPlanReviewAsync(PlanReviewNotification notification)
    {
        lock (_lock)
        {
            _planReviews.Add(notification);
            foreach (var waiter in _planWaiters.Where(w => w.StudentId == notification.StudentId).ToList())
            {
                waiter.Done.TrySetResult(notification);
                _planWaiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits (in real time, bounded) for the first plan review alert about a student.</summary>
    public Task<PlanReviewNotification> WaitForPlanReviewAsync(string studentId)
    {
        lock (_lock)
        {
            if (_planReviews.FirstOrDefault(n => n.StudentId == studentId) is { } found) return Task.FromResult(found);
            var done = new TaskCompletionSource<PlanReviewNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
            _planWaiters.Add((studentId, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The plan review alerts about a student, in order.</summary>
    public IReadOnlyList<PlanReviewNotification> PlanReviewsOf(string studentId)
    {
        lock (_lock) return [.. _planReviews.Where(n => n.StudentId == studentId)];
    }

    public Task PublishReferralAsync(ReferralNotification notification)
    {
        lock (_lock) _referrals.Add(notification);
        return Task.CompletedTask;
    }

    /// <summary>What the desk of a hospital was told, in order.</summary>
    public IReadOnlyList<ReferralNotification> ForHospital(string hospitalId)
    {
        lock (_lock) return [.. _referrals.Where(n => n.Referral.HospitalId == hospitalId)];
    }

    public Task PublishAsync(AlertNotification notification)
    {
        lock (_lock)
        {
            _all.Add(notification);
            foreach (var waiter in _waiters.ToList())
            {
                if (waiter.Select(_all) is not { } found) continue;
                waiter.Done.TrySetResult(found);
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<AlertNotification> For(string caseId)
    {
        lock (_lock) return [.. _all.Where(n => n.Alert.CaseId == caseId)];
    }

    /// <summary>Waits (in real time, bounded) until the selector finds a notification in everything published so far.</summary>
    public Task<AlertNotification> WaitForAsync(Func<IReadOnlyList<AlertNotification>, AlertNotification?> select)
    {
        Task<AlertNotification> task;
        lock (_lock)
        {
            if (select(_all) is { } found) return Task.FromResult(found);
            var done = new TaskCompletionSource<AlertNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((select, done));
            task = done.Task;
        }

        return task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits for the n-th notification of a kind about a case.</summary>
    public Task<AlertNotification> WaitForAsync(string caseId, AlertEventKind kind, int occurrence = 1) =>
        WaitForAsync(all => all.Where(n => n.Alert.CaseId == caseId && n.Kind == kind).Skip(occurrence - 1).FirstOrDefault());
}
