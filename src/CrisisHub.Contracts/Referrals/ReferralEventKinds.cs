namespace CrisisHub.Contracts.Referrals;

/// <summary>
/// <see cref="ReferralEventKind"/> and <see cref="ReferralStatus"/> as the text a <see cref="ReferralEvent"/> stores.
/// The case chains each as "Referral" + kind, so the pages need a label for each of them.
/// </summary>
public static class ReferralEventKinds
{
    public const string Note = nameof(ReferralEventKind.Note);
    public const string CaringContact = nameof(ReferralEventKind.CaringContact);
    public const string CheckIn = nameof(ReferralEventKind.CheckIn);
    public const string CheckInMissed = nameof(ReferralEventKind.CheckInMissed);
    public const string DeadlineMissed = nameof(ReferralEventKind.DeadlineMissed);
    public const string FollowUpEnded = nameof(ReferralEventKind.FollowUpEnded);

    public static string Reached(ReferralStatus status) => status.ToString();

    /// <summary>Every kind an event can carry: each status reached, then each kind that moves none.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetNames<ReferralStatus>(), .. Enum.GetNames<ReferralEventKind>()];
}
