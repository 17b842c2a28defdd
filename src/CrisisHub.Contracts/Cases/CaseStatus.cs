namespace CrisisHub.Contracts.Cases;

public enum CaseStatus
{
    Open = 0,
    Acknowledged = 1,
    InIntervention = 2,
    Referred = 3,
    InTreatment = 4,
    ReturnedToSchool = 5,
    Closed = 6,
}

/// <summary>Where the alert of a case stands (GoAlert/PagerDuty semantics).</summary>
public enum AlertState
{
    /// <summary>Watch cases raise no alert.</summary>
    None = 0,
    Triggered = 1,
    Acknowledged = 2,
    Resolved = 3,
}
