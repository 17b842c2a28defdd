using CrisisHub.Contracts.Plans;
using CrisisHub.Server.Referrals;

namespace CrisisHub.Server.Plans;

public sealed record ResponsibleAdultRequest(string? Name, string? Role, string? Phone)
{
    public ResponsibleAdult ToAdult() => new(Name ?? "", Role ?? "", string.IsNullOrWhiteSpace(Phone) ? null : Phone);
}

/// <summary>A plan as the form sends it. Missing parts become values the grain's rules refuse by name (a level of -1, no date).</summary>
public sealed record PlanDraftRequest(int? Level, string? Triggers, string? WarningSigns, SafetyPlanRequest? SafetyPlan,
    ResponsibleAdultRequest[]? ResponsibleAdults, string? AgreedSupport, DateOnly? NextReviewOn, string? OwnerUserName)
{
    public PlanDraft ToDraft() => new(Level ?? -1, Triggers ?? "", WarningSigns ?? "", (SafetyPlan ?? new SafetyPlanRequest(null, null, null, null, null, null)).ToPlan(),
        [.. (ResponsibleAdults ?? []).Select(a => (a ?? new ResponsibleAdultRequest(null, null, null)).ToAdult())], AgreedSupport ?? "",
        NextReviewOn ?? DateOnly.MinValue, OwnerUserName ?? "");
}

/// <summary>PUT /api/students/{id}/plan: the new version, the version it was made from (0 for a first plan) and why it changed.</summary>
public sealed record PlanSaveRequest(PlanDraftRequest? Plan, int? ExpectedVersion, string? ChangeNote);
