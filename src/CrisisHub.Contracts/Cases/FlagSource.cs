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
}
