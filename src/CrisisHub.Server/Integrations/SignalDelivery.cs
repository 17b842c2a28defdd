using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations.Signals;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// Turns a signal about a known student into a flag on the student's case, by the same triage as a person's flag: the
/// grade suggested by its signs, the client (or, from the queue, the client still) as the reporter, the source its kind.
/// Idempotent on <paramref name="submissionKey"/>: a retry delivers nothing new and answers the same case.
/// </summary>
public static class SignalDelivery
{
    public static async Task<string> DeliverAsync(IGrainFactory grains, IncomingSignal signal, string studentId, string submissionKey, DateTimeOffset now)
    {
        var flag = new FlagSubmission(signal.SignalId, studentId, SignalKinds.SourceOf(signal.Kind), SignsOf(signal), signal.Note,
            Triage.Suggest(SignsOf(signal), null), signal.Client, now);
        var result = await grains.GetGrain<IFlagSubmissionGrain>(submissionKey).SubmitAsync(flag, signal.SignalId);
        return result.Receipt?.CaseId ?? throw new InvalidOperationException($"The submission {submissionKey} holds another flag.");
    }

    /// <summary>A missing student is at least Severe whatever else was seen; with warning signs it is Major.</summary>
    private static ObservedSign[] SignsOf(IncomingSignal signal) => signal.Kind != SignalKind.MissingStudent
        ? signal.Signs
        : [.. signal.Signs, signal.Signs.Any(s => Triage.GradeOf(s) >= CrisisGrade.Severe && s != ObservedSign.Missing)
            ? ObservedSign.MissingWithWarningSigns : ObservedSign.Missing];
}
