namespace CrisisHub.Contracts.Cases;

public enum FlagSource
{
    Monitor = 0,
    DormitoryInformant = 1,
    Teacher = 2,
    Screening = 3,
    OnlineMonitoring = 4,
    Hotline = 5,
    MissingStudentReport = 6,
    /// <summary>The police told the school, through their integration client.</summary>
    PoliceNotice = 7,
    /// <summary>A hospital system told the school, through its integration client.</summary>
    HospitalNotice = 8,
}
