using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Referrals;

/// <summary>The guardian's decision about a referral. Admission is voluntary: the channel records, it never forces.</summary>
public enum ConsentDecision
{
    Consented = 0,
    Refused = 1,
}

[GenerateSerializer, Immutable, Alias("CrisisHub.GuardianConsentView")]
public sealed record GuardianConsentView(ConsentDecision Decision, string GuardianName, string Relationship, string? Note,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The six parts of a Stanley–Brown safety plan.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SafetyPlan")]
public sealed record SafetyPlan(
    string WarningSigns,
    string InternalCoping,
    string PeopleAndPlacesForDistraction,
    string PeopleToAskForHelp,
    string ProfessionalsAndHotlines,
    string MakingTheEnvironmentSafe);

/// <summary>What the school supplies when it asks for a referral; the rest of the packet comes from the case.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferralOrder(
    string HospitalId,
    string Reason,
    SafetyPlan SafetyPlan,
    string MeansAccess,
    string ProtectiveFactors,
    string SchoolContactName,
    string SchoolContactPhone);

/// <summary>A sign as reporters saw it, with the window in which it was reported.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PacketSign")]
public sealed record PacketSign(ObservedSign Sign, DateTimeOffset FirstReported, DateTimeOffset LastReported);

/// <summary>An action so far. Who took it came later (null on older packets): the school side's shapes withhold clinical notes by it.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.PacketAction")]
public sealed record PacketAction(CaseActionKind Kind, string? Note, DateTimeOffset At, Network.ResponderRole? ActorRole = null, string? ActorId = null);

[GenerateSerializer, Immutable, Alias("CrisisHub.PacketGuardian")]
public sealed record PacketGuardian(string Name, string Relationship, string Phone);

/// <summary>
/// The handoff packet (minimum necessary): who the student is, whom to call at the school, what was seen and
/// when, what was done, the safety plan and the guardian's contact and consent. Never screening history or
/// reporters' free text.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.HandoffPacket")]
public sealed record HandoffPacket(
    string StudentName,
    int Age,
    string SchoolName,
    string SchoolContactName,
    string SchoolContactPhone,
    CrisisGrade Grade,
    string Reason,
    PacketSign[] Signs,
    PacketAction[] ActionsSoFar,
    SafetyPlan SafetyPlan,
    string MeansAccess,
    string ProtectiveFactors,
    PacketGuardian[] Guardians,
    GuardianConsentView Consent);
