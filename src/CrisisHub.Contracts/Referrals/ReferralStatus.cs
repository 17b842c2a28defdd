namespace CrisisHub.Contracts.Referrals;

/// <summary>
/// A green-channel referral's life cycle, modelled on the FHIR R4 Task: requested → received → accepted |
/// declined → student in transit → arrived → evaluated → admitted | outpatient | discharged → return
/// clearance → completed; cancelled (school) and failed (hospital) from any open state.
/// </summary>
public enum ReferralStatus
{
    Requested = 0,
    Received = 1,
    Accepted = 2,
    Declined = 3,
    StudentInTransit = 4,
    Arrived = 5,
    Evaluated = 6,
    Admitted = 7,
    Outpatient = 8,
    Discharged = 9,
    ReturnClearance = 10,
    Completed = 11,
    Cancelled = 12,
    Failed = 13,
}

/// <summary>Which party moves a step: the school is the FHIR requester, the hospital desk the owner.</summary>
public enum ReferralSide
{
    School = 0,
    Hospital = 1,
}

/// <summary>The transition table, in one place: who may move a referral from where to where.</summary>
public static class ReferralFlow
{
    private static readonly Dictionary<ReferralStatus, (ReferralStatus To, ReferralSide By)[]> Steps = new()
    {
        [ReferralStatus.Requested] = [(ReferralStatus.Received, ReferralSide.Hospital), (ReferralStatus.Accepted, ReferralSide.Hospital), (ReferralStatus.Declined, ReferralSide.Hospital)],
        [ReferralStatus.Received] = [(ReferralStatus.Accepted, ReferralSide.Hospital), (ReferralStatus.Declined, ReferralSide.Hospital)],
        [ReferralStatus.Accepted] = [(ReferralStatus.StudentInTransit, ReferralSide.Hospital), (ReferralStatus.Arrived, ReferralSide.Hospital)],
        [ReferralStatus.StudentInTransit] = [(ReferralStatus.Arrived, ReferralSide.Hospital)],
        [ReferralStatus.Arrived] = [(ReferralStatus.Evaluated, ReferralSide.Hospital)],
        [ReferralStatus.Evaluated] = [(ReferralStatus.Admitted, ReferralSide.Hospital), (ReferralStatus.Outpatient, ReferralSide.Hospital), (ReferralStatus.Discharged, ReferralSide.Hospital)],
        [ReferralStatus.Admitted] = [(ReferralStatus.Discharged, ReferralSide.Hospital)],
        [ReferralStatus.Outpatient] = [(ReferralStatus.ReturnClearance, ReferralSide.Hospital)],
        [ReferralStatus.Discharged] = [(ReferralStatus.ReturnClearance, ReferralSide.Hospital)],
        // ReturnClearance → Completed is no step of this table: the school takes it by recording the re-entry meeting.
    };

    public static bool IsOpen(this ReferralStatus status) =>
        status is not (ReferralStatus.Completed or ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.Failed);

    /// <summary>The side that may move <paramref name="from"/> to <paramref name="to"/>, or null when no one may.</summary>
    public static ReferralSide? WhoMoves(ReferralStatus from, ReferralStatus to)
    {
        if (!from.IsOpen()) return null;
        if (to == ReferralStatus.Cancelled) return ReferralSide.School;
        if (to == ReferralStatus.Failed) return ReferralSide.Hospital;
        return Steps.GetValueOrDefault(from)?.Where(s => s.To == to).Select(s => (ReferralSide?)s.By).FirstOrDefault();
    }

    /// <summary>The steps the given side may take next, for the pages' buttons.</summary>
    public static ReferralStatus[] NextFor(ReferralStatus from, ReferralSide side) =>
        [.. Enum.GetValues<ReferralStatus>().Where(to => WhoMoves(from, to) == side)];

    /// <summary>Position on the main path, so "reached Accepted" also holds once the student has arrived.</summary>
    public static int Rank(this ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => 0,
        ReferralStatus.Received => 1,
        ReferralStatus.Accepted => 2,
        ReferralStatus.StudentInTransit => 3,
        ReferralStatus.Arrived => 4,
        ReferralStatus.Evaluated => 5,
        ReferralStatus.Admitted or ReferralStatus.Outpatient => 6,
        ReferralStatus.Discharged => 7,
        ReferralStatus.ReturnClearance => 8,
        ReferralStatus.Completed => 9,
        _ => -1,
    };
}
