namespace CrisisHub.Contracts.Referrals;

/// <summary>
/// Every kind of <see cref="ReferralEvent"/>: a step the referral reached (named after its
/// <see cref="ReferralStatus"/>) or one of the events below, which move no status. The case chains each as
/// "Referral" + kind, so the pages need a label for each of them.
/// </summary>
public static class ReferralEventKinds
{
    public const string Note = "Note";
    public const string CaringContact = "CaringContact";
    public const string CheckIn = "CheckIn";
    public const string CheckInMissed = "CheckInMissed";
    public const string DeadlineMissed = "DeadlineMissed";
    public const string FollowUpEnded = "FollowUpEnded";

    public static string Reached(ReferralStatus status) => status.ToString();

    public static IReadOnlyList<string> All { get; } =
        [.. Enum.GetNames<ReferralStatus>(), Note, CaringContact, CheckIn, CheckInMissed, DeadlineMissed, FollowUpEnded];
}
