using CrisisHub.Contracts.Audit;

namespace CrisisHub.Contracts.Privacy;

/// <summary>What became of a correction request. The names are stored and sent: never rename, only add.</summary>
public enum CorrectionOutcome
{
    Corrected = 0,
    PartlyCorrected = 1,
    Declined = 2,
}

[GenerateSerializer, Immutable, Alias("CrisisHub.CorrectionDecision")]
public sealed record CorrectionDecision(CorrectionOutcome Outcome, string Response, string DecidedBy, DateTimeOffset At);

/// <summary>A guardian's (or the student's) request to correct the record, as the psychology centre took it down.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.CorrectionRequest")]
public sealed record CorrectionRequest(string RequestId, string StudentId, string RequestedBy, string What, string Requested, string RecordedBy,
    DateTimeOffset ReceivedAt, CorrectionDecision? Decision);

[GenerateSerializer, Immutable, Alias("CrisisHub.CorrectionInput")]
public sealed record CorrectionInput(string DistrictId, string RequestedBy, string What, string Requested);

/// <summary>
/// A student's correction requests (keyed by student id): few in a school life, so the grain keeps them all; each
/// request and each decision is also chained into the district's admin audit log.
/// </summary>
public interface ICorrectionRequestsGrain : IGrainWithStringKey
{
    Task<CorrectionRequest> RecordAsync(Actor actor, CorrectionInput input);

    Task<CorrectionRequest> DecideAsync(Actor actor, string districtId, string requestId, CorrectionOutcome outcome, string response);

    Task<CorrectionRequest[]> ListAsync();
}
