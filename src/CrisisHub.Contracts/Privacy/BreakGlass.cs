using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Privacy;

/// <summary>A reviewer's finding on an emergency access. The names are stored and sent: never rename, only add.</summary>
public enum BreakGlassOutcome
{
    Justified = 0,
    NotJustified = 1,
}

/// <summary>
/// Someone outside a Severe or Major case's scope asks to open it in an emergency. Duration comes from the server's
/// configuration; the grain takes it as given.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.BreakGlassRequest")]
public sealed record BreakGlassRequest(Actor Actor, string CaseId, string StudentId, StudentPlacement Placement, CrisisGrade Grade, string Reason,
    TimeSpan Duration);

[GenerateSerializer, Immutable, Alias("CrisisHub.BreakGlassReview")]
public sealed record BreakGlassReview(string ReviewerId, string ReviewerRole, BreakGlassOutcome Outcome, string Comment, DateTimeOffset At);

/// <summary>One emergency access: who, which case, why, until when, and (once done) its review.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.BreakGlassUse")]
public sealed record BreakGlassUse(
    string UseId,
    string CaseId,
    string StudentId,
    string SchoolId,
    string DistrictId,
    CrisisGrade Grade,
    string UserName,
    string DisplayName,
    string Role,
    string Reason,
    DateTimeOffset OpenedAt,
    DateTimeOffset ExpiresAt,
    BreakGlassReview? Review);

/// <summary>The uses awaiting review (oldest first) and the most recently reviewed ones (newest first).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.BreakGlassList")]
public sealed record BreakGlassList(BreakGlassUse[] AwaitingReview, BreakGlassUse[] RecentlyReviewed);

/// <summary>
/// A district's emergency accesses (keyed by district id). It keeps the uses awaiting review — few, and each leaves
/// once reviewed — and a bounded list of recent reviews; every opening and review is also appended to the district's
/// admin audit chain, which keeps them for good.
/// </summary>
public interface IBreakGlassGrain : IGrainWithStringKey
{
    Task<BreakGlassUse> OpenAsync(BreakGlassRequest request);

    /// <summary>The person's access to the case that is still running, if any.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<BreakGlassUse?> ActiveGrantAsync(string userName, string caseId);

    Task<BreakGlassList> ListAsync();

    /// <summary>Reviews a use awaiting review (a <see cref="DomainRuleException"/> when there is none or the reviewer used it).</summary>
    Task<BreakGlassUse> ReviewAsync(string useId, Actor reviewer, BreakGlassOutcome outcome, string comment);

    /// <summary>Uses awaiting review whose opening is older than <paramref name="age"/> (the district wallboard shows them).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<int> CountAwaitingReviewOlderThanAsync(TimeSpan age);
}
