using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Contracts.Plans;

/// <summary>An adult who carries part of a student's plan (head teacher, psychology teacher, guardian…).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.ResponsibleAdult")]
public sealed record ResponsibleAdult(string Name, string Role, string? Phone);

/// <summary>
/// What a plan (一生一策) says, as its author writes it. <see cref="Level"/> is the attention ledger's level, 1 (in crisis
/// or referred) to 4 (watch); the labels are the district's. Level 0 closes the plan: the student leaves the ledger and no
/// review is due until a later version opens it again. The safety plan is the Stanley–Brown plan that a referral's
/// handoff packet carries: one plan per student, not a copy per referral. Stored as JSON: names are a contract.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PlanDraft")]
public sealed record PlanDraft(
    int Level,
    string Triggers,
    string WarningSigns,
    SafetyPlan SafetyPlan,
    ResponsibleAdult[] ResponsibleAdults,
    string AgreedSupport,
    DateOnly NextReviewOn,
    string OwnerUserName);

/// <summary>One saved version: versions are appended, never rewritten.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PlanVersion")]
public sealed record PlanVersion(int Version, PlanDraft Plan, string SavedBy, DateTimeOffset SavedAt, string? ChangeNote);

/// <summary>A student's plan now: its latest version, how many there are, and whether its review is overdue (on the server's clock).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.StudentPlanView")]
public sealed record StudentPlanView(string StudentId, string SchoolId, string GradeId, PlanVersion Current, int VersionCount, bool ReviewOverdue,
    DateTimeOffset? ReviewAlertedAt);

/// <summary>What the attention ledger needs of a plan, without its content.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PlanSummary")]
public sealed record PlanSummary(string StudentId, string GradeId, int Level, string OwnerUserName, DateOnly NextReviewOn, bool Closed);

/// <summary>
/// A student's plan, keyed by student id. Its review date is a deadline: when it passes without a new version the owner is
/// alerted (once per review date), so the grain owns a durable deadline like a case.
/// </summary>
public interface IStudentPlanGrain : Cases.IDeadlineOwnerGrain
{
    /// <summary>The plan now, or null when the student has none.</summary>
    Task<StudentPlanView?> GetAsync();

    /// <summary>Every version, oldest first.</summary>
    Task<PlanVersion[]> VersionsAsync();

    /// <summary>
    /// Saves a new version. <paramref name="expectedVersion"/> is the version the author edited (0 for a first plan):
    /// another version saved meanwhile is a conflict, not a silent overwrite.
    /// </summary>
    Task<StudentPlanView> SaveAsync(PlanDraft draft, Actor author, int expectedVersion, string? changeNote);

    /// <summary>
    /// A referral was sent with this safety plan: it becomes the plan's (a new version, "from referral {id}"), so the student
    /// has one safety plan, not one per referral. A referred student is at level 1. A student without a plan gets a first one,
    /// owned by the school's psychology centre. Null when nobody in the school can own a plan.
    /// </summary>
    Task<StudentPlanView?> AdoptSafetyPlanAsync(SafetyPlan safetyPlan, Actor author, string referralId);
}

/// <summary>The plans of one school's students, keyed by school id: the ledger's and the report's source, without content.</summary>
public interface ISchoolPlansGrain : IGrainWithStringKey
{
    Task UpdateAsync(PlanSummary summary);

    Task<PlanSummary[]> ListAsync();
}
