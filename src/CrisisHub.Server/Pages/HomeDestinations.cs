using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Ledger;

namespace CrisisHub.Server.Pages;

/// <summary>A page the home screen links to; <c>Key</c> names its label (home.{key}) in the pages' strings.</summary>
public sealed record HomeDestination(string Key, string Href);

/// <summary>
/// Which pages a person may use, decided from their role by the same rules the API enforces (the pages used to keep
/// their own role lists). A watcher gets one wallboard per node they hold.
/// </summary>
public static class HomeDestinations
{
    public const string Flag = "flag";
    public const string Inbox = "inbox";
    public const string Wallboard = "wallboard";
    public const string Hospital = "hospital";
    public const string Admin = "admin";
    public const string Privacy = "privacy";
    public const string Screening = "screening";
    public const string Ledger = "ledger";
    public const string Report = "report";
    public const string District = "district";
    public const string Plans = "plans";
    public const string Signals = "signals";

    public static IReadOnlyList<string> Keys { get; } = [Flag, Inbox, Wallboard, Hospital, Admin, Privacy, Screening, Ledger, Report, District, Plans, Signals];

    /// <param name="levels">The level of each node the person holds, where known: an administrator may hold a school or a district,
    /// and is sent to the school's report or the district's view accordingly (without it, to neither).</param>
    public static HomeDestination[] For(CurrentUser user, IReadOnlyDictionary<string, NetworkLevel>? levels = null)
    {
        var links = new List<HomeDestination>();
        if (user.Role.MayFlag()) links.Add(new(Flag, "/flag.html"));
        if (user.Role.HandlesCases()) links.Add(new(Inbox, "/inbox.html"));
        if (user.Role.WatchesWallboards())
            links.AddRange(user.NodeIds.Select(node => new HomeDestination(Wallboard, $"/wallboard.html?scope={Uri.EscapeDataString(node)}")));
        // The attention ledger of each school the psychology centre or a school leader holds.
        if (user.Role.KeepsLedgers())
            links.AddRange(user.NodeIds.Select(node => new HomeDestination(Ledger, $"/ledger.html?school={Uri.EscapeDataString(node)}")));
        if (user.Role == ResponderRole.HospitalLiaison) links.Add(new(Hospital, "/hospital.html"));
        if (user.Role == ResponderRole.Admin) links.Add(new(Admin, "/admin.html"));
        if (user.Role.OverseesPrivacy()) links.Add(new(Privacy, "/privacy.html"));
        // The psychology centre imports its school's screenings (the page refuses a node that is not a school).
        if (user.Role == ResponderRole.SchoolPsychologist)
            links.AddRange(user.NodeIds.Select(node => new HomeDestination(Screening, $"/screening.html?school={Uri.EscapeDataString(node)}")));
        // …and matches the outside signals that named no student of the school.
        if (user.Role == ResponderRole.SchoolPsychologist)
            links.AddRange(user.NodeIds.Select(node => new HomeDestination(Signals, $"/signals.html?school={Uri.EscapeDataString(node)}")));
        foreach (var node in user.NodeIds)
        {
            var level = user.Role switch
            {
                ResponderRole.SchoolLeader or ResponderRole.SchoolPsychologist => NetworkLevel.School,
                ResponderRole.DistrictOfficer => NetworkLevel.District,
                ResponderRole.Admin when levels is not null && levels.TryGetValue(node, out var known) => known,
                _ => (NetworkLevel?)null,
            };
            var id = Uri.EscapeDataString(node);
            if (level == NetworkLevel.School) links.Add(new(Report, $"/report.html?school={id}"));
            if (level == NetworkLevel.District) links.Add(new(District, $"/district.html?district={id}"));
        }

        // The psychology centre writes the plans (一生一策): its reviews due and any student's plan by id. Others reach a
        // plan from the case of its student.
        if (user.Role == ResponderRole.SchoolPsychologist) links.Add(new(Plans, "/plan.html"));
        return [.. links];
    }
}
