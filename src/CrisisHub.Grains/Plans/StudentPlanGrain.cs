using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Plans;
using CrisisHub.Contracts.Referrals;
using CrisisHub.Grains.Audit;
using CrisisHub.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisHub.Grains.Plans;

/// <summary>
/// A student's plan (一生一策). Each saved version is appended to the chain "plan:{student}" of the audit log, so a version
/// is never rewritten and a removed one is detected; the grain's state holds only the bookkeeping. Every save tells the
/// school's plan index (the ledger's source). Non-reentrant: the one writer of its chain, so versions stay continuous.
/// </summary>
public sealed partial class StudentPlanGrain(
    [PersistentState("plan", StorageNames.Cases)] IPersistentState<StudentPlanState> state,
    IAuditLog auditLog,
    IAlertNotifier notifier,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<StudentPlanGrain> logger) : Grain, IStudentPlanGrain, IRemindable
{
    private AuditStream? _trail;
    private List<PlanVersion> _versions = [];
    private StudentPlanState S => state.State;
    private string StudentId => this.GetPrimaryKeyString();
    private PlanVersion? Current => _versions.Count == 0 ? null : _versions[^1];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _trail = new AuditStream(auditLog, AuditAnchors.PlanChain(StudentId));
        await _trail.OpenAsync(null);
        var (versions, alertedFor, alertedAt) = PlanChain.Read(await _trail.ReadAllAsync());
        _versions = versions;
        // The log is the truth: a write of the bookkeeping that was lost after an append is made good from it.
        S.Version = _versions.Count;
        if (alertedFor is not null && alertedFor != S.ReviewAlertedFor)
        {
            S.ReviewAlertedFor = alertedFor;
            S.ReviewAlertedAt = alertedAt;
        }

        if (Current is null) return;
        await IndexAsync();
        await CheckReviewAsync();
    }

    public Task<StudentPlanView?> GetAsync() => Task.FromResult(Current is null ? null : View());

    public Task<PlanVersion[]> VersionsAsync() => Task.FromResult<PlanVersion[]>([.. _versions]);

    public async Task<StudentPlanView> SaveAsync(PlanDraft draft, Actor author, int expectedVersion, string? changeNote)
    {
        var student = await StudentAsync();
        if (expectedVersion != _versions.Count)
        {
            throw expectedVersion < 0 || expectedVersion > _versions.Count
                ? DomainRuleException.Invalid("expectedVersion", $"must be the version you edited: 0 for a first plan, at most {_versions.Count}")
                : DomainRuleException.Conflict(
                    $"Version {_versions.Count} of this plan was saved by {Current!.SavedBy} at {Current.SavedAt:O}, after the version {expectedVersion} you edited. Reload the plan and make your change to it.");
        }

        var owner = draft?.OwnerUserName is { Length: > 0 and <= 64 } name ? await OwnerAsync(name.Trim(), student.Placement.SchoolId) : null;
        var problems = PlanRules.Problems(draft, time.GetUtcNow(), owner is not null, Current?.Plan, changeNote);
        if (problems.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The plan cannot be saved as it is.", problems);
        return await AppendVersionAsync(PlanRules.Normalised(draft!) with { OwnerUserName = owner!.UserName }, author, changeNote, student.Placement);
    }

    public async Task<StudentPlanView?> AdoptSafetyPlanAsync(SafetyPlan safetyPlan, Actor author, string referralId)
    {
        var student = await StudentAsync();
        var schoolId = student.Placement.SchoolId;
        PlanDraft draft;
        if (Current is { } current)
        {
            // The form started from this plan and was sent unchanged: the plan already says it.
            if (current.Plan.SafetyPlan == safetyPlan && current.Plan.Level == PlanRules.FirstLevel) return View();
            draft = current.Plan with { SafetyPlan = safetyPlan, Level = PlanRules.FirstLevel };
            if (await OwnerAsync(draft.OwnerUserName, schoolId) is null)
                draft = draft with { OwnerUserName = await DefaultOwnerAsync(author, schoolId) ?? draft.OwnerUserName };
        }
        else
        {
            if (await DefaultOwnerAsync(author, schoolId) is not { } owner)
            {
                LogNoOwner(StudentId, referralId);
                return null;
            }

            draft = PlanRules.FromReferral(safetyPlan, owner, time.GetUtcNow());
        }

        var note = $"from referral {referralId}";
        var problems = PlanRules.Problems(draft, time.GetUtcNow(), await OwnerAsync(draft.OwnerUserName, schoolId) is not null, Current?.Plan, note);
        if (problems.Count > 0) throw new DomainRuleException(RuleKind.Invalid, "The referral's safety plan cannot become the plan's.", problems);
        return await AppendVersionAsync(PlanRules.Normalised(draft), author, note, student.Placement);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName is ReviewReminderName or Deadlines.DeadlineAlarm.ReminderName ? CheckReviewAsync() : Task.CompletedTask;

    public Task WakeAsync() => CheckReviewAsync();

    private async Task<StudentPlanView> AppendVersionAsync(PlanDraft draft, Actor author, string? changeNote, StudentPlacement placement)
    {
        var now = time.GetUtcNow();
        var version = new PlanVersion(_versions.Count + 1, draft, author.ActorId, now, string.IsNullOrWhiteSpace(changeNote) ? null : changeNote.Trim());
        _trail!.Add(now, author, PlanChain.Saved, null, PlanChain.Serialize(version));
        await AppendTrailAsync();
        _versions.Add(version);

        var movedFrom = S.SchoolId.Length > 0 && S.SchoolId != placement.SchoolId ? S.SchoolId : null;
        S.Version = version.Version;
        S.SchoolId = placement.SchoolId;
        S.GradeId = placement.GradeId;
        await state.WriteStateAsync();
        // A student who moved school leaves the old school's ledger.
        if (movedFrom is not null) await GrainFactory.GetGrain<ISchoolPlansGrain>(movedFrom).UpdateAsync(Summary() with { Closed = true });
        await IndexAsync();
        await CheckReviewAsync();
        return View();
    }

    private async Task AppendTrailAsync()
    {
        try
        {
            await _trail!.AppendAsync();
        }
        catch
        {
            // Another activation wrote to the chain (a cluster change), or the log failed: nothing was saved, and the
            // record must not linger in memory; the next activation starts again from the log.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The school's index learns of every version; one that missed it (a failure) gets it at the next activation.</summary>
    private async Task IndexAsync()
    {
        try
        {
            await GrainFactory.GetGrain<ISchoolPlansGrain>(S.SchoolId).UpdateAsync(Summary());
        }
        catch (Exception exception)
        {
            LogIndexFailed(exception, StudentId, S.SchoolId);
        }
    }

    private async Task<StudentView> StudentAsync() =>
        await GrainFactory.GetGrain<IStudentGrain>(StudentId).GetAsync() ?? throw DomainRuleException.NotFound($"Student '{StudentId}' does not exist.");

    /// <summary>The account named, when it may own a plan of a student of the school.</summary>
    private async Task<UserAccount?> OwnerAsync(string userName, string schoolId)
    {
        var account = await GrainFactory.GetGrain<IUserAccountGrain>(userName).GetAsync();
        if (account is null) return null;
        var nodes = await Task.WhenAll(account.NodeIds.Select(id => GrainFactory.GetGrain<IWarningNodeGrain>(id).GetAsync()));
        string?[] schools = [.. nodes.Select(n => n?.SchoolId)];
        return PlanRules.MayOwn(account, schools, schoolId) ? account : null;
    }

    /// <summary>
    /// Who owns a plan a referral starts: the psychology centre owns severe and major cases, so the referring psychologist,
    /// else the school's psychology centre (the first account, by name), else the referring person if they may own it.
    /// </summary>
    private async Task<string?> DefaultOwnerAsync(Actor author, string schoolId)
    {
        if (author.Role == ResponderRole.SchoolPsychologist && await OwnerAsync(author.ActorId, schoolId) is not null) return author.ActorId;
        var accounts = await GrainFactory.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).ListAsync();
        foreach (var psychologist in accounts.Where(a => a is { Role: ResponderRole.SchoolPsychologist, Disabled: false } && a.NodeIds.Contains(schoolId)))
        {
            if (await OwnerAsync(psychologist.UserName, schoolId) is not null) return psychologist.UserName;
        }

        return await OwnerAsync(author.ActorId, schoolId) is not null ? author.ActorId : null;
    }

    private PlanSummary Summary()
    {
        var plan = Current!.Plan;
        return new PlanSummary(StudentId, S.GradeId, plan.Level, plan.OwnerUserName, plan.NextReviewOn, PlanRules.IsClosed(plan));
    }

    private StudentPlanView View()
    {
        var current = Current!;
        var alertedAt = S.ReviewAlertedFor == current.Plan.NextReviewOn ? S.ReviewAlertedAt : null;
        return new StudentPlanView(StudentId, S.SchoolId, S.GradeId, current, _versions.Count, PlanRules.ReviewOverdue(current.Plan, time.GetUtcNow()), alertedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan of student {StudentId}: the version is saved but school {SchoolId}'s plan index was not updated; it is re-sent at the next activation")]
    private partial void LogIndexFailed(Exception exception, string studentId, string schoolId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} of student {StudentId} carried a safety plan, but nobody in the school may own a plan: no plan was started")]
    private partial void LogNoOwner(string studentId, string referralId);
}
