namespace CrisisHub.Contracts.Integrations;

/// <summary>What kind of outside system a district admitted. Stored: names and numbers are a contract.</summary>
public enum IntegrationClientKind
{
    ScreeningPlatform = 0,
    OnlineMonitoring = 1,
    Police = 2,
    HospitalSystem = 3,
}

/// <summary>What a client may post. Stored: names and numbers are a contract.</summary>
public enum IntegrationPermission
{
    /// <summary>POST /api/integrations/signals: a concern about a student (or about an unnamed one).</summary>
    PostSignals = 0,
    /// <summary>POST /api/integrations/screening: screening results into the school's import.</summary>
    PostScreeningResults = 1,
    /// <summary>A signal of kind missing student (失联) and the "found" that ends it.</summary>
    PostMissingStudentReports = 2,
}
