using CrisisHub.Contracts.Network;
using CrisisHub.Server.Identity;

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
    public const string Plans = "plans";

    public static IReadOnlyList<string> Keys { get; } = [Flag, Inbox, Wallboard, Hospital, Admin, Privacy, Plans];

    public static HomeDestination[] For(CurrentUser user)
    {
        var links = new List<HomeDestination>();
        if (user.Role.MayFlag()) links.Add(new(Flag, "/flag.html"));
        if (user.Role.HandlesCases()) links.Add(new(Inbox, "/inbox.html"));
        if (user.Role.WatchesWallboards())
            links.AddRange(user.NodeIds.Select(node => new HomeDestination(Wallboard, $"/wallboard.html?scope={Uri.EscapeDataString(node)}")));
        if (user.Role == ResponderRole.HospitalLiaison) links.Add(new(Hospital, "/hospital.html"));
        if (user.Role == ResponderRole.Admin) links.Add(new(Admin, "/admin.html"));
        if (user.Role.OverseesPrivacy()) links.Add(new(Privacy, "/privacy.html"));
        // The psychology centre writes the plans (一生一策): its reviews due and any student's plan by id. Others reach a
        // plan from the case of its student.
        if (user.Role == ResponderRole.SchoolPsychologist) links.Add(new(Plans, "/plan.html"));
        return [.. links];
    }
}
