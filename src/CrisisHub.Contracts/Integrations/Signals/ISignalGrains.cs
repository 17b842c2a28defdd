using CrisisHub.Contracts.Audit;

namespace CrisisHub.Contracts.Integrations.Signals;

/// <summary>A signal and, once delivered to a student's case, that case and when (server use: the client never learns them).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SignalDelivered")]
public sealed record SignalDelivered(IncomingSignal? Signal, string? CaseId, DateTimeOffset? DeliveredAt);

/// <summary>The answer to a signal's submission: its receipt, or why none (a key reused with another body).</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.SignalSubmission")]
public sealed record SignalSubmission(IncomingSignal? Signal, SignalReceipt? Receipt, bool KeyReusedWithDifferentBody);

/// <summary>
/// One submission of a signal, keyed "{clientId}/{Idempotency-Key}": the first body is kept and every retry gets the
/// same signal id and, once delivered, the same receipt.
/// </summary>
public interface ISignalIntakeGrain : IGrainWithStringKey
{
    /// <summary>Keeps the signal (first time) and answers what is known: a receipt once delivered, else the signal to deliver.</summary>
    Task<SignalSubmission> BeginAsync(IncomingSignal signal, string fingerprint);

    /// <summary>
    /// The signal was delivered (to a case or to the queue), or later matched or dismissed: retries and reads now get this
    /// receipt. <paramref name="caseId"/> is the case it became a flag on, kept for the server (a missing student's "found"
    /// comes through the signal) and never told to the client.
    /// </summary>
    Task CompleteAsync(SignalReceipt receipt, string? caseId, DateTimeOffset? deliveredAt);

    Task<SignalReceipt?> GetReceiptAsync();

    /// <summary>The signal as first received, the case it became a flag on and when; nulls before it was delivered to one.</summary>
    Task<SignalDelivered> GetDeliveryAsync();
}

/// <summary>
/// A school's matching queue of signals that named no student of the school (keyed by school id). Waiting signals are
/// the grain's state (a short list: each leaves when matched or dismissed); every event is chained in "signals:{school}".
/// </summary>
public interface ISchoolSignalsGrain : IGrainWithStringKey
{
    /// <summary>Puts a signal in the queue; a repeat of the same signal id changes nothing.</summary>
    Task<SignalReceipt> EnqueueAsync(IncomingSignal signal, string intakeKey, string whyUnmatched);

    /// <summary>A person reads the queue (recorded in the chain: hints and notes are personal data).</summary>
    Task<SignalQueueView> ReadAsync(Actor reader);

    /// <summary>System use: the queued signal, without recording a read (the server is about to deliver it).</summary>
    Task<QueuedSignal?> GetAsync(string signalId);

    /// <summary>
    /// The signal is now a flag on the student's case, or dismissed: it leaves the queue and its submission learns the
    /// outcome. A second resolution of the same signal is refused (409).
    /// </summary>
    Task<QueuedSignal> ResolveAsync(string signalId, SignalResolution resolution);

    /// <summary>Waiting signals received longer ago than <paramref name="age"/> (the wallboard's count).</summary>
    Task<int> CountWaitingLongerThanAsync(TimeSpan age);
}
