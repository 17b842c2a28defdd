using CrisisHub.Contracts;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Privacy;
using CrisisHub.Contracts.Sms;
using CrisisHub.Contracts.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Grains.Privacy;

[GenerateSerializer, Alias("CrisisHub.BreakGlassState")]
public sealed class BreakGlassState
{
    /// <summary>Uses awaiting review, oldest first: each leaves when reviewed, so the list stays as short as the backlog.</summary>
    [Id(0)] public List<BreakGlassUse> AwaitingReview { get; set; } = [];

    /// <summary>The newest reviewed uses (at most <see cref="BreakGlassGrain.RecentKept"/>); the admin audit chain keeps them all.</summary>
    [Id(1)] public List<BreakGlassUse> RecentlyReviewed { get; set; } = [];
}

/// <summary>
/// A district's emergency (break-glass) accesses. Opening one stores the grant, chains it into the district's admin
/// audit log, the case's trail and the student's read log, and texts the school's psychology centre; the server
/// announces it live. Which requests may open one is checked by the server (scope) and by <see cref="BreakGlassRules"/>.
/// </summary>
public sealed class BreakGlassGrain(
    [PersistentState("breakglass", StorageNames.AdminAudit)] IPersistentState<BreakGlassState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, IBreakGlassGrain
{
    public const int RecentKept = 50;
    private BreakGlassState S => state.State;

    public async Task<BreakGlassUse> OpenAsync(BreakGlassRequest request)
    {
        BreakGlassRules.CheckReason(request.Reason);
        if (!BreakGlassRules.GradeAllows(request.Grade))
            throw DomainRuleException.Conflict("Emergency access opens Severe and Major cases only.");
        var now = time.GetUtcNow();
        var actor = request.Actor;
        // One running access per person and case: asking again while it runs returns it (a double tap is not a second use).
        if (Active(actor.ActorId, request.CaseId, now) is { } running) return running;

        var use = new BreakGlassUse($"bg-{Guid.NewGuid():N}", request.CaseId, request.StudentId, request.Placement.SchoolId, request.Placement.DistrictId,
            request.Grade, actor.ActorId, actor.DisplayName, actor.Role?.ToString() ?? "", request.Reason.Trim(), now, now + request.Duration, null);
        // Everything that records and tells comes before the grant is stored: a failure half-way grants nothing, and the
        // person's retry (a new use) records and tells again — told twice rather than never.
        await AuditAsync(actor, AdminAuditActions.BreakGlassOpened, use, null, use);
        await Task.WhenAll(
            GrainFactory.GetGrain<Contracts.Cases.IStudentCaseGrain>(use.CaseId).RecordBreakGlassAsync(actor, use.UseId, use.ExpiresAt),
            GrainFactory.GetGrain<IPersonalDataReadsGrain>(use.StudentId).RecordAsync(new PersonalDataRead(actor, PersonalDataReadKind.BreakGlassOpened, use.CaseId)),
            TextPsychologyCentreAsync(use));
        await state.WriteAsync(() => S.AwaitingReview.Add(use), () => S.AwaitingReview.Remove(use));
        return use;
    }

    public Task<BreakGlassUse?> ActiveGrantAsync(string userName, string caseId) => Task.FromResult(Active(userName, caseId, time.GetUtcNow()));

    public Task<BreakGlassList> ListAsync() =>
        Task.FromResult(new BreakGlassList([.. S.AwaitingReview], [.. S.RecentlyReviewed.AsEnumerable().Reverse()]));

    public async Task<BreakGlassUse> ReviewAsync(string useId, Actor reviewer, BreakGlassOutcome outcome, string comment)
    {
        var use = S.AwaitingReview.FirstOrDefault(u => u.UseId == useId)
            ?? (S.RecentlyReviewed.Any(u => u.UseId == useId)
                ? throw DomainRuleException.Conflict("This emergency access is already reviewed.")
                : throw DomainRuleException.NotFound("No such emergency access awaiting review."));
        BreakGlassRules.CheckReview(reviewer.ActorId, use, comment);
        var now = time.GetUtcNow();
        var reviewed = use with
        {
            Review = new BreakGlassReview(reviewer.ActorId, reviewer.Role?.ToString() ?? "", outcome, comment.Trim(), now),
            // A use found unjustified ends now, if it is still running.
            ExpiresAt = outcome == BreakGlassOutcome.NotJustified && use.ExpiresAt > now ? now : use.ExpiresAt,
        };
        await AuditAsync(reviewer, AdminAuditActions.BreakGlassReviewed, use, use, reviewed);
        var dropped = S.RecentlyReviewed.Count >= RecentKept ? S.RecentlyReviewed[0] : null;
        await state.WriteAsync(
            () => { S.AwaitingReview.Remove(use); S.RecentlyReviewed.Add(reviewed); if (dropped is not null) S.RecentlyReviewed.Remove(dropped); },
            () => { S.RecentlyReviewed.Remove(reviewed); if (dropped is not null) S.RecentlyReviewed.Insert(0, dropped); S.AwaitingReview.Add(use); });
        return reviewed;
    }

    public Task<int> CountAwaitingReviewOlderThanAsync(TimeSpan age)
    {
        var cutoff = time.GetUtcNow() - age;
        return Task.FromResult(S.AwaitingReview.Count(u => u.OpenedAt <= cutoff));
    }

    private BreakGlassUse? Active(string userName, string caseId, DateTimeOffset now) => S.AwaitingReview.Concat(S.RecentlyReviewed)
        .LastOrDefault(u => u.CaseId == caseId && string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase) && now < u.ExpiresAt);

    private Task AuditAsync(Actor actor, string action, BreakGlassUse use, BreakGlassUse? before, BreakGlassUse after) =>
        PrivacyAudit.AppendAsync(GrainFactory, this.GetPrimaryKeyString(), actor, action, $"case:{use.CaseId}", before, after);

    /// <summary>
    /// The school's psychology centre (its on-duty responders at the school node) hears at once, by the durable SMS
    /// path: the text names the case code and grade, never the student or the reason.
    /// </summary>
    private async Task TextPsychologyCentreAsync(BreakGlassUse use)
    {
        var school = await GrainFactory.GetGrain<IWarningNodeGrain>(use.SchoolId).GetAsync();
        var psychologists = school?.Responders.Where(r => r is { Role: ResponderRole.SchoolPsychologist, OnDuty: true }) ?? [];
        foreach (var responder in psychologists)
        {
            var language = responder.AccountId is { } account
                ? (await GrainFactory.GetGrain<IUserAccountGrain>(account).GetAsync())?.PreferredLanguage ?? "zh-CN"
                : "zh-CN";
            var recipient = new SmsRecipient(responder.ResponderId, responder.Name, responder.Role, responder.Phone, responder.AccountId, language);
            await GrainFactory.GetGrain<ISmsMessageGrain>($"{use.UseId}.{responder.ResponderId}")
                .EnqueueAsync(new SmsRequest($"{use.UseId}.{responder.ResponderId}", use.CaseId, recipient, use.Grade, school!.Name, use.OpenedAt,
                    SmsPurpose.BreakGlass));
        }
    }
}
