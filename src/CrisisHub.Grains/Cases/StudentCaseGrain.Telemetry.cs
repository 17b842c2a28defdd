using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Notifications;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// What the case tells the metrics, after the change is stored: flags taken, alerts raised, steps fired, acknowledgements
/// and how long the first push took. A canary's case (<see cref="SyntheticDistrict"/>) counts only in the machinery's
/// instruments (pushes, deadlines, texts), never in the promise's.
/// </summary>
public sealed partial class StudentCaseGrain
{
    /// <summary>When the current command took a flag, on the grain clock's timestamp scale; the first push is measured from it.</summary>
    private long? _flagTakenAt;

    private bool Synthetic => S.Placement is { } placement && SyntheticDistrict.Contains(placement);

    private void FlagTaken() => _flagTakenAt = time.GetTimestamp();

    private void MeasureFlag(FlagSubmission flag)
    {
        if (!Synthetic) metrics.FlagReceived(flag.Source, flag.SuggestedGrade, S.Placement!.SchoolId);
    }

    private void MeasureChange(AlertEventKind? kind)
    {
        if (Synthetic || kind is null) return;
        var schoolId = S.Placement!.SchoolId;
        switch (kind)
        {
            case AlertEventKind.Raised:
                metrics.AlertRaised(S.Grade, schoolId);
                break;
            case AlertEventKind.Escalated or AlertEventKind.Retriggered:
                metrics.EscalationStep(S.Grade, schoolId);
                break;
            case AlertEventKind.Exhausted:
                metrics.EscalationExhausted(S.Grade, schoolId);
                break;
            case AlertEventKind.Acknowledged when S.Escalation is { AcknowledgedAt: { } at, RaisedAt: { } raised }:
                metrics.Acknowledged(S.Grade, schoolId, at - raised);
                break;
        }
    }

    /// <summary>The live push; a failure is counted and logged, and repaired by the next change or activation.</summary>
    private async Task PushAsync(AlertNotification notification)
    {
        using var span = Telemetry.CrisisHubTracing.Source.StartActivity("alert.push");
        span?.SetTag("crisishub.case_id", notification.Alert.CaseId);
        span?.SetTag("crisishub.event", notification.Kind.ToString());
        try
        {
            await notifier.PublishAsync(notification);
            metrics.PushDelivered(notification.Kind.ToString(), delivered: true);
        }
        catch (Exception exception)
        {
            metrics.PushDelivered(notification.Kind.ToString(), delivered: false);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            LogPublishFailed(exception, S.CaseId, notification.Kind);
            return;
        }

        if (notification.Kind == AlertEventKind.Raised && _flagTakenAt is { } takenAt && !Synthetic)
            metrics.FirstPush(S.Grade, time.GetElapsedTime(takenAt));
        _flagTakenAt = null;
    }
}
