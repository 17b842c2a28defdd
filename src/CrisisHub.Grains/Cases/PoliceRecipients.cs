using CrisisHub.Contracts.Network;
using CrisisHub.Contracts.Sms;

namespace CrisisHub.Grains.Cases;

/// <summary>
/// The rule that keeps police out of mental-health cases: a mental-health-only alert is never routed to police. A police
/// contact is configured at a school like any responder, so every text a case addresses passes this check
/// (<see cref="CaseOutbox.Address"/>): a police contact may be texted that a student is missing only while the case has
/// an open missing episode, and that the student was found only once its latest episode is closed (the found text goes
/// only to those texted before, so only to police who were told of the episode). Nobody else gets the police text.
/// </summary>
public static class PoliceRecipients
{
    public static bool MayReceive(ResponderRole role, SmsPurpose purpose, MissingEpisodeState? latestEpisode) => role == ResponderRole.Police
        ? purpose == SmsPurpose.MissingPolice && latestEpisode is { Open: true }
          || purpose == SmsPurpose.MissingFound && latestEpisode is { Open: false }
        : purpose != SmsPurpose.MissingPolice;

    /// <summary>The school's on-duty police contacts: whom a missing-student text is addressed to.</summary>
    public static IEnumerable<Responder> ContactsOf(WarningNodeView? school) =>
        school?.Responders.Where(r => r is { Role: ResponderRole.Police, OnDuty: true }) ?? [];

    /// <summary>
    /// The number the police text names for the school: its psychology centre's, else its leadership's, else its duty
    /// officer's (the first on duty of those found); empty when the school has none of them.
    /// </summary>
    public static string SchoolContactPhone(WarningNodeView? school)
    {
        foreach (var role in new[] { ResponderRole.SchoolPsychologist, ResponderRole.SchoolLeader, ResponderRole.DutyOfficer })
            if (school?.Responders.FirstOrDefault(r => r.Role == role && r.OnDuty) is { } contact) return contact.Phone;
        return "";
    }
}
