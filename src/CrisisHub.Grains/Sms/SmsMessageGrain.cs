using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Sms;
using CrisisHub.Grains.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisHub.Grains.Sms;

/// <summary>
/// One outbound text. It is recorded before the provider is called and sent from the grain's own turn, so a slow
/// provider never holds up the case. The next attempt is a stored deadline held by a <see cref="DeadlineAlarm"/>
/// (a timer for promptness, a reminder so a restart or silo loss resumes it). A retry or a restart re-sends only
/// what the provider never accepted.
/// </summary>
public sealed partial class SmsMessageGrain(
    [PersistentState("sms", StorageNames.Sms)] IPersistentState<SmsMessageState> state,
    ISmsGateway gateway,
    IOptions<SmsOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    Telemetry.CrisisHubMetrics metrics,
    ILogger<SmsMessageGrain> logger) : Grain, ISmsMessageGrain, IRemindable
{
    /// <summary>The reminder texts used before they shared <see cref="DeadlineAlarm"/>; one still stored is retired when it fires.</summary>
    private const string LegacyRetryReminder = "sms-retry";
    private DeadlineAlarm? _alarm;
    private System.Diagnostics.ActivityContext? _handedOverBy;
    private SmsMessageState S => state.State;
    private SmsRequest Request => S.Request!;
    private DeadlineAlarm Alarm => _alarm ??= new DeadlineAlarm(this, time, TrySendAsync);

    /// <summary>A queued text, or one whose attempt is unfinished, is due at its next attempt; any other has nothing left to do.</summary>
    private DateTimeOffset? NextAttempt => S.Request is not null && S.Status is SmsStatus.Queued or SmsStatus.Sending ? S.NextAttemptAt : null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Alarm.SetAsync(NextAttempt);
        await base.OnActivateAsync(cancellationToken);
    }

    public Task WakeAsync() => TrySendAsync();

    public async Task EnqueueAsync(SmsRequest request)
    {
        // The send runs later, from the alarm's timer: it joins the trace of the flag that decided the text.
        _handedOverBy = System.Diagnostics.Activity.Current?.Context;
        if (state.RecordExists && S.Request is not null)
        {
            // Taken already. The case hands a text over again until it hears back, so a repeat re-arms the
            // alarm, which a failure after the write below may have left unset.
            await Alarm.SetAsync(NextAttempt);
            return;
        }

        try
        {
            await TakeAsync(request);
        }
        catch
        {
            // Nothing stored yet: forget the half-built request, or the case's retry would find it in memory,
            // take it for stored, and the text would never go out.
            if (!state.RecordExists) state.State = new SmsMessageState();
            throw;
        }
    }

    private async Task TakeAsync(SmsRequest request)
    {
        var now = time.GetUtcNow();
        var contact = GrainFactory.GetGrain<ISmsContactGrain>(request.Recipient.Phone);
        S.Request = request;
        S.CreatedAt = now;
        S.NextAttemptAt = now;
        if (await contact.WithholdIfUnsubscribedAsync(request.CaseId, request.Recipient.RecipientId))
        {
            S.Status = SmsStatus.Unsubscribed;
            await SaveAndReportAsync();
            return;
        }

        var target = await contact.AssignReplyCodeAsync(request.MessageId, request.CaseId, request.Recipient, now);
        S.ReplyCode = target.Code;
        S.Body = new SmsTemplates(options.Value).AlertBody(request, target.Code);
        S.Status = SmsStatus.Queued;
        if (request.Grade == CrisisGrade.General)
        {
            // Only General waits: for quiet hours, then for its place in this recipient's queue.
            var earliest = QuietHours.EndIfInside(now, options.Value);
            S.NextAttemptAt = await contact.ReserveGeneralSlotAsync(earliest, options.Value.GeneralSpacing);
        }

        S.UpdatedAt = now;
        await state.WriteStateAsync();
        if (!request.Synthetic) metrics.SmsQueued(request.Grade);
        await Alarm.SetAsync(NextAttempt);
    }

    public async Task ForgetContentAsync()
    {
        if (S.Request is not { } request || S.Status is SmsStatus.Queued or SmsStatus.Sending || S.Body.Length == 0 && request.Recipient.Phone.Length == 0) return;
        S.Request = request with { Recipient = request.Recipient with { Phone = "" } };
        S.Body = "";
        S.ReplyCode = "";
        await state.WriteStateAsync();
    }

    public Task<SmsMessageView?> GetAsync() => Task.FromResult(S.Request is null ? null
        : new SmsMessageView(Request.MessageId, Request.CaseId, Request.Recipient.RecipientId, Request.Recipient.Phone, S.Body,
            S.Status, S.ProviderSid, S.ErrorCode, S.Attempts, S.CreatedAt, S.UpdatedAt));

    public async Task ApplyProviderStatusAsync(string providerSid, SmsStatus status, int? errorCode)
    {
        if (S.Request is null) return;
        // A callback for the attempt we never heard back from tells us it was accepted after all.
        if (S.Status == SmsStatus.Sending && S.ProviderSid is null) S.ProviderSid = providerSid;
        if (S.ProviderSid != providerSid || S.Status.IsFinal() || status <= S.Status && !status.IsUnreachable()) return;
        S.Status = status;
        S.ErrorCode = errorCode;
        await SaveAndReportAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LegacyRetryReminder && await this.GetReminder(LegacyRetryReminder) is { } legacy) await this.UnregisterReminder(legacy);
        await TrySendAsync();
    }

    /// <summary>The alarm's check: sends when the next attempt is due, else (re-)arms for it or, with nothing left, disarms.</summary>
    private async Task TrySendAsync()
    {
        var now = time.GetUtcNow();
        if (NextAttempt is not { } due || now < due)
        {
            await Alarm.SetAsync(NextAttempt);
            return;
        }

        if (S.Status == SmsStatus.Sending)
        {
            string? sid;
            try
            {
                sid = await gateway.FindAcceptedAsync(Outbound(), S.AttemptStartedAt ?? S.CreatedAt, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // The provider could not be asked. Sending anyway might text twice, and throwing out of the reminder
                // would leave the retry to chance: keep the attempt open and ask again after a back-off.
                await RetryLaterAsync(null, now);
                LogLookupFailed(Request.MessageId, exception.GetType().Name, S.NextAttemptAt - now);
                return;
            }

            if (sid is not null)
            {
                await AdoptAsync(sid);
                return;
            }
        }

        // A first attempt is due when it was taken (or when quiet hours end), a retry when its back-off ends.
        metrics.DeadlineLateness("sms", now - due);
        S.AttemptId = Guid.NewGuid().ToString("N");
        S.AttemptStartedAt = now;
        S.Attempts++;
        S.Status = SmsStatus.Sending;
        S.UpdatedAt = now;
        await state.WriteStateAsync();

        SmsSendResult result;
        using var span = _handedOverBy is { } parent
            ? Telemetry.CrisisHubTracing.Source.StartActivity("sms.attempt", System.Diagnostics.ActivityKind.Internal, parent)
            : Telemetry.CrisisHubTracing.Source.StartActivity("sms.attempt");
        // The case, not the message id: a message id ends with its recipient's id.
        span?.SetTag("crisishub.case_id", Request.CaseId);
        span?.SetTag("crisishub.sms.attempt", S.Attempts);
        try
        {
            result = await gateway.SendAsync(Outbound(), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // We cannot know whether the provider took it: leave the attempt open and reconcile first next time.
            result = new SmsSendResult.Unknown(exception.GetType().Name);
        }

        await ApplyAsync(result, now);
    }

    /// <summary>The provider already holds the text of the unfinished attempt: adopt it instead of sending again.</summary>
    private async Task AdoptAsync(string providerSid)
    {
        S.ProviderSid = providerSid;
        S.Status = SmsStatus.Accepted;
        await SaveAndReportAsync();
    }

    /// <param name="attemptedAt">When this attempt began: a retry's back-off counts from it.</param>
    private async Task ApplyAsync(SmsSendResult result, DateTimeOffset attemptedAt)
    {
        switch (result)
        {
            case SmsSendResult.Accepted accepted:
                await AdoptAsync(accepted.ProviderSid);
                return;
            case SmsSendResult.Permanent permanent:
                S.Status = permanent.ErrorCode == TwilioErrors.Unsubscribed ? SmsStatus.Unsubscribed : SmsStatus.Failed;
                S.ErrorCode = permanent.ErrorCode;
                await GrainFactory.GetGrain<ISmsContactGrain>(Request.Recipient.Phone).MarkUnreachableAsync(permanent.ErrorCode);
                await SaveAndReportAsync();
                return;
            case SmsSendResult.Transient transient:
                S.Status = SmsStatus.Queued;
                await RetryLaterAsync(transient.RetryAfter, attemptedAt);
                return;
            case SmsSendResult.Unknown unknown:
                await RetryLaterAsync(null, attemptedAt);
                LogOutcomeUnknown(Request.MessageId, unknown.Reason, S.NextAttemptAt - time.GetUtcNow());
                return;
        }
    }

    /// <summary>
    /// Stored before the timer is armed, so a restart (the reminder) resumes the same back-off rather than
    /// hammering a provider that is down.
    /// </summary>
    /// <remarks>
    /// The back-off counts from when the attempt began, not from when the provider's answer (or silence) came: how long
    /// the provider took must not stretch the wait, and the schedule stays the same whatever the grain's turn costs.
    /// </remarks>
    private async Task RetryLaterAsync(TimeSpan? retryAfter, DateTimeOffset attemptedAt)
    {
        var now = time.GetUtcNow();
        S.NextAttemptAt = attemptedAt + Backoff(retryAfter);
        S.Failures++;
        S.UpdatedAt = now;
        await state.WriteStateAsync();
        await Alarm.SetAsync(NextAttempt);
    }

    private TimeSpan Backoff(TimeSpan? retryAfter)
    {
        var o = options.Value;
        // Counted in failures, not sends: a provider that cannot even be asked backs off as well.
        var exponential = TimeSpan.FromTicks(Math.Min(o.MaxRetryDelay.Ticks, o.RetryDelay.Ticks << Math.Min(S.Failures, 10)));
        return retryAfter > exponential ? retryAfter.Value : exponential;
    }

    private OutboundSms Outbound() => new(Request.MessageId, S.AttemptId ?? "", Request.Recipient.Phone, S.Body, options.Value.ValidityPeriod, Request.Synthetic);

    private async Task SaveAndReportAsync()
    {
        var now = time.GetUtcNow();
        S.UpdatedAt = now;
        await state.WriteStateAsync();
        // Accepted or final: nothing left to attempt, so the alarm's timer and reminder go.
        await Alarm.SetAsync(NextAttempt);

        await GrainFactory.GetGrain<IStudentCaseGrain>(Request.CaseId)
            .OnSmsOutcomeAsync(new SmsOutcome(Request.MessageId, Request.Recipient.RecipientId, S.Status, S.ErrorCode, now));
        // A final text has nothing left to do: its activation leaves memory now rather than after the idle timeout
        // (a mass incident sends tens of thousands). A late callback or reply activates it again from storage.
        if (S.Status.IsFinal()) DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text {MessageId}: the provider's answer was lost ({Reason}); in {Delay} it is looked up before any resend")]
    private partial void LogOutcomeUnknown(string messageId, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text {MessageId}: the provider could not be asked whether it holds the text ({Reason}); asking again in {Delay}")]
    private partial void LogLookupFailed(string messageId, string reason, TimeSpan delay);
}
