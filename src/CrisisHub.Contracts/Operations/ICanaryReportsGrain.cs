namespace CrisisHub.Contracts.Operations;

/// <summary>How far a canary run got: the stage it was in when it ended (success ends at <see cref="Done"/>).</summary>
public enum CanaryStage
{
    SignIn = 0,
    Flag = 1,
    Push = 2,
    Sms = 3,
    Escalation = 4,
    Acknowledge = 5,
    Close = 6,
    Done = 7,
}

/// <summary>One node's latest canary run. Reason names the failure (a stage timed out, an HTTP status), never personal data.</summary>
[GenerateSerializer, Immutable, Alias("CrisisHub.CanaryReport")]
public sealed record CanaryReport(
    [property: Id(0)] string Node,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] CanaryStage Stage,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] DateTimeOffset? LastSuccessAt,
    [property: Id(6)] double? PushSeconds,
    [property: Id(7)] double? TotalSeconds);

/// <summary>
/// The cluster's view of its canaries (one grain, key <see cref="Key"/>): every node reports each run, and wallboards show an
/// operator alert while a node's latest run failed. Held in memory: after a loss, the next runs (minutes apart) fill it again.
/// </summary>
public interface ICanaryReportsGrain : IGrainWithStringKey
{
    public const string Key = "canary";

    Task ReportAsync(CanaryReport report);

    Task<CanaryReport[]> ListAsync();
}
