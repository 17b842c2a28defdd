using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Referrals;

/// <summary>
/// One green-channel referral. It owns the life cycle (who may move which step), its deadlines and the
/// return to school; every event is stored here first and then chained into the case's audit trail, re-sent
/// until the case has it (the case ignores a sequence number it already holds).
/// </summary>
public sealed partial class ReferralGrain(
    [PersistentState("referral", StorageNames.Referrals)] IPersistentState<ReferralState> state,
    IAlertNotifier notifier,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    Telemetry.CrisisHubMetrics metrics,
    ILogger<ReferralGrain> logger) : Grain, IReferralGrain, IRemindable
{
    public const int MaxText = Limits.MaxTextLength;
    private ReferralState S => state.State;
    private ReferralCreation C => S.Creation!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Creation is null) return;
        await ReportPendingAsync();
        await EvaluateDeadlinesAsync();
    }

    public async Task<ReferralView> CreateAsync(ReferralCreation creation)
    {
        if (S.Creation is not null)
        {
            if (S.Creation.CaseId == creation.CaseId) return View();
            throw DomainRuleException.Conflict($"Referral {creation.ReferralId} already exists.");
        }

        if (creation.ReferralId != this.GetPrimaryKeyString()) throw DomainRuleException.Invalid("referralId", "does not match the grain");
        S.Creation = creation;
        S.Reached.Add(new ReachedStep(ReferralStatus.Requested, creation.RequestedAt));
        Append(ReferralEventKinds.Reached(ReferralStatus.Requested), creation.RequestedBy, ReferralSide.School, null, null, creation.RequestedAt);
        // The case chained the request in the same turn that asked for it.
        S.ReportedUpTo = 1;
        await SaveAndPublishAsync(ReferralEventKinds.Reached(ReferralStatus.Requested));
        return View();
    }

    public Task<ReferralRouting?> GetRoutingAsync() => Task.FromResult(S.Creation is null
        ? null
        : new ReferralRouting(C.ReferralId, C.CaseId, C.Hospital.HospitalId, S.Status));

    public async Task<ReferralView> ReadAsync(Actor reader)
    {
        EnsureCreated();
        await GrainFactory.GetGrain<IStudentCaseGrain>(C.CaseId).RecordReferralReadAsync(reader, C.ReferralId);
        return View();
    }

    public async Task AnonymiseAsync()
    {
        if (S.Creation is null || S.Creation.Packet.StudentName == Privacy.Anonymiser.Removed) return;
        Privacy.Anonymiser.Apply(S);
        await state.WriteStateAsync();
    }

    public async Task<ReferralView> MoveAsync(Actor actor, ReferralSide side, ReferralStatus to, string? reason, string? note, bool? admissionConsented)
    {
        EnsureCreated();
        if (!Enum.IsDefined(to)) throw DomainRuleException.Invalid("status", "is not a referral status");
        CheckText("reason", reason);
        CheckText("note", note);
        var who = ReferralFlow.WhoMoves(S.Status, to) ?? throw DomainRuleException.Conflict(to == ReferralStatus.Completed
            ? "The school completes a referral by recording the re-entry meeting."
            : $"A referral that is {S.Status} cannot become {to}.");
        if (who != side) throw DomainRuleException.Conflict($"Only the {who.ToString().ToLowerInvariant()} moves a referral from {S.Status} to {to}.");
        if (ReferralRules.NeedsReason(to) && string.IsNullOrWhiteSpace(reason))
            throw DomainRuleException.Invalid("reason", $"is required to mark a referral {to}");
        if (ReferralRules.NeedsAdmissionConsent(to) && admissionConsented != true)
            throw DomainRuleException.Invalid("admissionConsented", "admission is voluntary: record that the guardian consented to admission");

        var now = time.GetUtcNow();
        if (to is ReferralStatus.Admitted or ReferralStatus.Outpatient or ReferralStatus.Discharged && admissionConsented is { } consent)
            S.AdmissionConsented = consent;
        if (to is ReferralStatus.Outpatient or ReferralStatus.Discharged) S.DischargedAt ??= now;
        S.Reached.Add(new ReachedStep(to, now));
        Append(ReferralEventKinds.Reached(to), actor, side, reason?.Trim(), note?.Trim(), now);
        await SaveAndPublishAsync(ReferralEventKinds.Reached(to));
        return View();
    }

    public async Task<ReferralView> AddNoteAsync(Actor actor, ReferralSide side, string note)
    {
        EnsureCreated();
        if (string.IsNullOrWhiteSpace(note)) throw DomainRuleException.Invalid("note", "is required");
        CheckText("note", note);
        Append(ReferralEventKinds.Note, actor, side, null, note.Trim(), time.GetUtcNow());
        await SaveAndPublishAsync(ReferralEventKinds.Note);
        return View();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == Deadlines.DeadlineAlarm.ReminderName ? EvaluateDeadlinesAsync() : Task.CompletedTask;

    public async Task WakeAsync()
    {
        if (S.Creation is not null) await EvaluateDeadlinesAsync();
    }

    private void Append(string kind, Actor actor, ReferralSide? side, string? reason, string? note, DateTimeOffset at) =>
        S.Events.Add(new ReferralEvent(S.Events.Count + 1, kind, S.Status, actor.ActorId, actor.DisplayName, actor.Role, side, at, reason, note));

    private void EnsureCreated()
    {
        if (S.Creation is null) throw DomainRuleException.NotFound($"Referral '{this.GetPrimaryKeyString()}' does not exist.");
    }

    private static void EnsureSchool(ReferralSide side, string what)
    {
        if (side != ReferralSide.School) throw DomainRuleException.Conflict($"Only the school records {what}.");
    }

    private static void CheckText(string field, string? text)
    {
        if (text?.Length > MaxText) throw DomainRuleException.Invalid(field, $"is longer than {MaxText} characters");
    }

    /// <summary>
    /// Stores, then updates the views: the case's trail (re-sent until it has every event), the desk's queue
    /// and the desk's live page. A failed view update is logged and repaired by the next change.
    /// </summary>
    private async Task SaveAndPublishAsync(string kind)
    {
        S.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        await ArmDeadlineAsync();
        await ReportPendingAsync();
        var summary = Summary();
        try
        {
            await GrainFactory.GetGrain<IHospitalGrain>(C.Hospital.HospitalId).TrackReferralAsync(summary);
            await notifier.PublishReferralAsync(new ReferralNotification(kind, summary, S.UpdatedAt));
        }
        catch (Exception exception)
        {
            LogPublishFailed(exception, C.ReferralId, kind);
        }
    }

    private async Task ReportPendingAsync()
    {
        foreach (var e in S.Events.Where(e => e.Sequence > S.ReportedUpTo).OrderBy(e => e.Sequence).ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IStudentCaseGrain>(C.CaseId).RecordReferralEventAsync(new ReferralReport(Summary(), e));
                // Stored with the next write; until then a re-activation re-sends, which the case ignores.
                S.ReportedUpTo = e.Sequence;
            }
            catch (Exception exception)
            {
                LogReportFailed(exception, C.ReferralId, e.Sequence);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId}: {Kind} is stored but the desk's views were not all updated")]
    private partial void LogPublishFailed(Exception exception, string referralId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId}: event {Sequence} is stored but not yet in the case's trail; it is re-sent on the next change or activation")]
    private partial void LogReportFailed(Exception exception, string referralId, int sequence);
}
