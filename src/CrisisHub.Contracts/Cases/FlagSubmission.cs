using CrisisHub.Contracts.Audit;

namespace CrisisHub.Contracts.Cases;

/// <summary>A concern about a student, as the reporter sent it (already validated by the API).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.FlagSubmission")]
public sealed record FlagSubmission(
    string FlagId,
    string StudentId,
    FlagSource Source,
    ObservedSign[] Signs,
    string? Note,
    CrisisGrade SuggestedGrade,
    Actor Reporter,
    DateTimeOffset SubmittedAt,
    Missing.MissingReport? Missing = null);

/// <summary>What the reporter learns: the flag was received, and whether someone is handling it.</summary>
public enum ReceiptStatus
{
    Received = 0,
    BeingHandled = 1,
    Closed = 2,
}

[GenerateSerializer, Immutable, Alias("CrisisHub.FlagReceipt")]
public sealed record FlagReceipt(string FlagId, string StudentId, string CaseId, bool OpenedNewCase, DateTimeOffset SubmittedAt);
