using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Referrals;

namespace CrisisHub.Server.Referrals;

public sealed record ConsentRequest(ConsentDecision Decision, string? GuardianName, string? Relationship, string? Note);

public sealed record SafetyPlanRequest(string? WarningSigns, string? InternalCoping, string? PeopleAndPlacesForDistraction,
    string? PeopleToAskForHelp, string? ProfessionalsAndHotlines, string? MakingTheEnvironmentSafe)
{
    public SafetyPlan ToPlan() => new(WarningSigns ?? "", InternalCoping ?? "", PeopleAndPlacesForDistraction ?? "", PeopleToAskForHelp ?? "",
        ProfessionalsAndHotlines ?? "", MakingTheEnvironmentSafe ?? "");
}

public sealed record ReferralRequest(string? HospitalId, string? Reason, SafetyPlanRequest? SafetyPlan, string? MeansAccess,
    string? ProtectiveFactors, string? SchoolContactName, string? SchoolContactPhone)
{
    public ReferralOrder ToOrder() => new(HospitalId ?? "", Reason ?? "", SafetyPlan?.ToPlan()!, MeansAccess ?? "", ProtectiveFactors ?? "",
        SchoolContactName ?? "", SchoolContactPhone ?? "");
}

public sealed record StatusRequest(ReferralStatus Status, string? Reason, string? Note, bool? AdmissionConsented);

public sealed record NoteRequest(string? Note);

public sealed record ReEntryRequest(DateTimeOffset ReturnDate, string? SafetyPlan, string? Triggers, string? AcademicAdjustments, string? WhatClassmatesAreTold)
{
    public ReEntryInput ToInput() => new(ReturnDate, SafetyPlan ?? "", Triggers ?? "", AcademicAdjustments ?? "", WhatClassmatesAreTold ?? "");
}

public sealed record DeskAccountRequest(string? UserName, string? DisplayName, string? Password, string? PreferredLanguage);

public sealed record HospitalRequest(string? DistrictId, string? Name, string? Phone, CrisisGrade[]? AcceptedGrades, string? Hours, DeskAccountRequest[]? DeskAccounts);

public sealed record GreenChannelSettingsRequest(ReferralDeadlineRule[]? Major, ReferralDeadlineRule[]? Severe, TimeSpan CaringContactWithin,
    TimeSpan CheckInInterval, int CheckInCount)
{
    public GreenChannelSettings ToSettings() => new(Major ?? [], Severe ?? [], CaringContactWithin, CheckInInterval, CheckInCount);
}

/// <summary>A hospital desk's whole view: the hospitals it answers for and their queues.</summary>
public sealed record DeskQueue(HospitalDefinition[] Hospitals, ReferralSummary[] Referrals);
