namespace CrisisHub.Contracts.Network;

/// <summary>The levels of the warning network (预警网络), from the widest to the closest to the student.</summary>
public enum NetworkLevel
{
    District = 0,
    School = 1,
    /// <summary>年级 (K-12 grade) or 院系 (university department).</summary>
    Grade = 2,
    Class = 3,
    /// <summary>宿舍 — a dormitory room.</summary>
    Dormitory = 4,
    /// <summary>家庭 — one per student; its responders are the guardians.</summary>
    Family = 5,
}
