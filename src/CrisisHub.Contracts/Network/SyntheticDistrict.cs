namespace CrisisHub.Contracts.Network;

/// <summary>
/// The district the canary lives in: a network of its own (one school, a class per node), so its alerts climb only to
/// synthetic responders, show on no real inbox, wallboard or count, and its texts stay in the local outbox. A seed or an
/// administrator cannot define a node with this id.
/// </summary>
public static class SyntheticDistrict
{
    public const string Id = "crisishub-canary";
    public const string SchoolId = Id + "-school";
    public const string GradeId = Id + "-grade";

    public static bool Contains(StudentPlacement placement) => placement.DistrictId == Id;

    public static bool IsReservedNodeId(string nodeId) => nodeId.StartsWith(Id, StringComparison.Ordinal);
}
