using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Referrals;

/// <summary>What the school records at the re-entry meeting (复学).</summary>
[GenerateSerializer, Immutable]
public sealed record ReEntryInput(DateTimeOffset ReturnDate, string SafetyPlan, string Triggers, string AcademicAdjustments, string WhatClassmatesAreTold);

/// <summary>
/// One green-channel referral (keyed by referral id): its life cycle, its deadlines and the return to school.
/// Each method takes the side the caller acts for; the grain refuses a step that side may not take (409).
/// </summary>
public interface IReferralGrain : IDeadlineOwnerGrain
{
    Task<ReferralView> CreateAsync(ReferralCreation creation);

    Task<ReferralRouting?> GetRoutingAsync();

    /// <summary>System use (the monthly report): status and deadlines, no packet or names; null for a referral never created.</summary>
    Task<Reports.ReferralReportFacts?> GetReportFactsAsync();

    /// <summary>A person reads the referral; the read is recorded in the case's audit trail.</summary>
    Task<ReferralView> ReadAsync(Actor reader);

    /// <summary>Retention (asked by its case): names, phones and free text go; statuses, deadlines and times stay. Repeating changes nothing.</summary>
    Task AnonymiseAsync();

    Task<ReferralView> MoveAsync(Actor actor, ReferralSide side, ReferralStatus to, string? reason, string? note, bool? admissionConsented);

    /// <summary>The hospital desk's note for the school, or the school's for the desk.</summary>
    Task<ReferralView> AddNoteAsync(Actor actor, ReferralSide side, string note);

    Task<ReferralView> RecordCaringContactAsync(Actor actor, ReferralSide side, string note);

    /// <summary>The school confirms re-entry: the meeting is recorded and the referral completes.</summary>
    Task<ReferralView> RecordReEntryAsync(Actor actor, ReferralSide side, ReEntryInput meeting);

    Task<ReferralView> RecordCheckInAsync(Actor actor, ReferralSide side, string? note);
}
