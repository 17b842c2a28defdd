using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;

namespace CrisisHub.Contracts.Integrations.Signals;

/// <summary>
/// What an outside system knows of a student it cannot name by number: a person reads these to find the student.
/// Never used to guess a match.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SignalHints")]
public sealed record SignalHints(string? Name, string? ClassName, string? Grade, string? Other);

/// <summary>Where and when a missing student was last seen, and by whom (a signal of kind <see cref="SignalKind.MissingStudent"/>).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SignalLastSeen")]
public sealed record SignalLastSeen(DateTimeOffset At, string Place, string SeenBy);

/// <summary>A signal as an integration client posted it, after validation. Stored: names are a contract.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.IncomingSignal")]
public sealed record IncomingSignal(
    string SignalId,
    Actor Client,
    IntegrationClientKind ClientKind,
    SignalKind Kind,
    string SchoolId,
    string? StudentNumber,
    SignalHints? Hints,
    ObservedSign[] Signs,
    string? Note,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    SignalLastSeen? LastSeen)
{
    public CrisisGrade SuggestedGrade => Triage.Suggest(Signs, null);

    /// <summary>
    /// What is kept once the signal has done its work (a flag on a case, or dismissed): ids, kind, school, signs and times.
    /// The number, hints, note and where the student was last seen go: the case keeps what it needs under its own retention.
    /// </summary>
    public IncomingSignal Minimised() => this with
    {
        StudentNumber = null, Hints = null, Note = null, LastSeen = LastSeen is null ? null : LastSeen with { Place = "", SeenBy = "" },
    };
}

/// <summary>Where a signal stands. Stored: names and numbers are a contract.</summary>
public enum SignalStatus
{
    /// <summary>It named a student of the school: it is a flag on that student's case.</summary>
    Matched = 0,
    /// <summary>It is in the psychology centre's matching queue.</summary>
    AwaitingMatch = 1,
    /// <summary>A person matched it from the queue: it is a flag on that student's case.</summary>
    MatchedByPerson = 2,
    /// <summary>A person found it concerns no student of the school, and said why.</summary>
    Dismissed = 3,
}

/// <summary>What the client learns: its signal's id and status, never a case or a student.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SignalReceipt")]
public sealed record SignalReceipt(string SignalId, SignalStatus Status, DateTimeOffset ReceivedAt);

/// <summary>A signal in (or gone from) a school's matching queue; <paramref name="IntakeKey"/> is its submission's, to tell it the outcome.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.QueuedSignal")]
public sealed record QueuedSignal(IncomingSignal Signal, string IntakeKey, string WhyUnmatched, SignalResolution? Resolution);

/// <summary>How a person resolved a queued signal: the student it concerns (matched) or the reason it concerns none (dismissed).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SignalResolution")]
public sealed record SignalResolution(SignalStatus Status, string? StudentId, string? CaseId, string? Reason, Actor By, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("CrisisHub.SignalQueueView")]
public sealed record SignalQueueView(string SchoolId, QueuedSignal[] Waiting, QueuedSignal[] RecentlyResolved);
