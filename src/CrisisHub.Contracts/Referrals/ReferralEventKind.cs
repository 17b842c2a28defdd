namespace CrisisHub.Contracts.Referrals;

/// <summary>
/// The kinds of <see cref="ReferralEvent"/> that move no status. A referral event is either one of these or a step
/// the referral reached, named after its <see cref="ReferralStatus"/>; the names are what the API sends and storage
/// keeps (<c>ReferralEvent.Kind</c> stays a string). Never rename a member, only add.
/// </summary>
public enum ReferralEventKind
{
    Note,
    CaringContact,
    CheckIn,
    CheckInMissed,
    DeadlineMissed,
    FollowUpEnded,
}
