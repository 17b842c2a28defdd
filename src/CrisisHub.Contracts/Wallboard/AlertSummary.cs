using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Contracts.Wallboard;

/// <summary>
/// An open alert as inboxes and wallboards show it: case id and masked name only, never a full name,
/// signs or notes (notifications cross SignalR and may end up on a large screen). <see cref="Version"/> is the case's
/// notification sequence when it was made: of two summaries of a case, the higher is the newer. <see cref="MissingSince"/> is
/// when a missing student was last seen, while their episode is open (the wallboard's missing strip counts from it).
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.AlertSummary")]
public sealed record AlertSummary(
    string CaseId,
    string MaskedName,
    string SchoolId,
    string ClassId,
    CrisisGrade Grade,
    CaseStatus Status,
    AlertState AlertState,
    int StepIndex,
    int Round,
    NetworkLevel[] CurrentLevels,
    DateTimeOffset? StepDeadline,
    bool Exhausted,
    int FlagCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int UndeliveredTexts,
    Referrals.ReferralSummary? Referral,
    long Version = 0,
    DateTimeOffset? MissingSince = null);
