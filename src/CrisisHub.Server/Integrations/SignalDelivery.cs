using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Integrations;
using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Contracts.Missing;
using CrisisHub.Server.Missing;

namespace CrisisHub.Server.Integrations;

/// <summary>
/// Turns a signal about a known student into what a person's report would have become: a missing-student signal into a
/// missing report (the 失联 process: police text, wallboard strip, "found"), any other into a flag on the student's case
/// graded by its signs exactly as a person's flag is. The reporter is the client (also when a person matched the signal
/// from the queue), the source its kind. Idempotent on <paramref name="submissionKey"/>: a retry delivers nothing new and
/// answers the same case.
/// </summary>
public sealed class SignalDelivery(IGrainFactory grains, MissingStudentIntake missing)
{
    public async Task<string> DeliverAsync(IncomingSignal signal, string studentId, string submissionKey, DateTimeOffset now)
    {
        if (signal.Kind == SignalKind.MissingStudent)
        {
            var seen = signal.LastSeen!;
            var report = new MissingReport(studentId, seen.At, seen.Place, seen.SeenBy, signal.Signs, signal.Note, ChannelOf(signal.ClientKind));
            return (await missing.ReportAsync(report, signal.Client, submissionKey)).CaseId;
        }

        var flag = new FlagSubmission(signal.SignalId, studentId, SignalKinds.SourceOf(signal.Kind), signal.Signs, signal.Note,
            Triage.Suggest(signal.Signs, null), signal.Client, now);
        var result = await grains.GetGrain<IFlagSubmissionGrain>(submissionKey).SubmitAsync(flag, signal.SignalId);
        return result.Receipt?.CaseId ?? throw new InvalidOperationException($"The submission {submissionKey} holds another flag.");
    }

    /// <summary>Who told the school of the missing student (the flag itself is always a missing-student report).</summary>
    private static FlagSource ChannelOf(IntegrationClientKind kind) => kind switch
    {
        IntegrationClientKind.Police => FlagSource.PoliceNotice,
        IntegrationClientKind.OnlineMonitoring => FlagSource.OnlineMonitoring,
        IntegrationClientKind.HospitalSystem => FlagSource.HospitalNotice,
        _ => FlagSource.Screening,
    };
}
