namespace CrisisHub.Contracts.Cases;

/// <summary>Qingdao's three crisis grades plus the watch list; the order is the severity.</summary>
public enum CrisisGrade
{
    /// <summary>关注 — no alert; reviewed in the monthly closed loop.</summary>
    Watch = 0,
    /// <summary>一般</summary>
    General = 1,
    /// <summary>严重</summary>
    Severe = 2,
    /// <summary>重大</summary>
    Major = 3,
}
