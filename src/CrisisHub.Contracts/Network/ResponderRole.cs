namespace CrisisHub.Contracts.Network;

/// <summary>What a person does in CrisisHub; every role is held at one or more warning-network nodes.</summary>
public enum ResponderRole
{
    /// <summary>心理委员 — class psychology monitor (a student).</summary>
    Monitor = 0,
    /// <summary>宿舍心理信息员 — dormitory informant (a student).</summary>
    DormitoryInformant = 1,
    /// <summary>班主任 / 辅导员 — head teacher or counsellor.</summary>
    HeadTeacher = 2,
    /// <summary>宿管 — dormitory supervisor.</summary>
    DormitorySupervisor = 3,
    /// <summary>年级主任 / 院系 — grade director or department.</summary>
    GradeDirector = 4,
    /// <summary>心理中心 — school psychology centre.</summary>
    SchoolPsychologist = 5,
    /// <summary>心理健康工作领导小组 — school leadership group.</summary>
    SchoolLeader = 6,
    /// <summary>值班员 — duty officer at the wallboard.</summary>
    DutyOfficer = 7,
    /// <summary>区县教育局 — district office.</summary>
    DistrictOfficer = 8,
    /// <summary>定点医院 联络员 — hospital liaison desk.</summary>
    HospitalLiaison = 9,
    /// <summary>家长 — guardian; reached by SMS, no account needed.</summary>
    Guardian = 10,
    Admin = 11,
    /// <summary>
    /// 派出所 / 警方联系人 — a school's configured police contact: no account, texted only about an open missing-student
    /// episode (never about a mental-health-only case; see the case grains' PoliceRecipients).
    /// </summary>
    Police = 12,
}

public static class ResponderRoles
{
    /// <summary>Students who report; they never read cases.</summary>
    public static bool IsReporterOnly(this ResponderRole role) =>
        role is ResponderRole.Monitor or ResponderRole.DormitoryInformant;

    /// <summary>Adults who receive alerts and may read and act on the cases of the nodes they hold.</summary>
    public static bool HandlesCases(this ResponderRole role) => role is ResponderRole.HeadTeacher
        or ResponderRole.DormitorySupervisor or ResponderRole.GradeDirector or ResponderRole.SchoolPsychologist
        or ResponderRole.SchoolLeader or ResponderRole.DutyOfficer or ResponderRole.DistrictOfficer;

    /// <summary>Roles that watch the live wallboard of a school or district they hold.</summary>
    public static bool WatchesWallboards(this ResponderRole role) =>
        role is ResponderRole.DutyOfficer or ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist or ResponderRole.DistrictOfficer;

    /// <summary>Roles that may flag a student at all (which students is a question of their nodes).</summary>
    public static bool MayFlag(this ResponderRole role) =>
        role is ResponderRole.Monitor or ResponderRole.DormitoryInformant || role.HandlesCases();
}
