using CrisisHub.Contracts.Integrations.Signals;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Integrations;

/// <summary>A school's matching queue changed: how many signals wait, with no content (wallboards and inboxes hear it).</summary>
public sealed record SignalQueueNotice(string SchoolId, int Waiting);

/// <summary>
/// Tells the school's and district's wallboards and the school's psychology centre, live, that the matching queue
/// changed. Counts only: the signals themselves are read (and the read recorded) on the matching page.
/// </summary>
public sealed class SignalQueueNotices(IHubContext<AlertHub> hub, IGrainFactory grains)
{
    public async Task QueueChangedAsync(string schoolId)
    {
        var school = await grains.GetGrain<IWarningNodeGrain>(schoolId).GetAsync();
        if (school is null) return;
        var waiting = await grains.GetGrain<ISchoolSignalsGrain>(schoolId).CountWaitingLongerThanAsync(TimeSpan.Zero);
        var centre = school.Responders.Where(r => r.Role == ResponderRole.SchoolPsychologist && r.AccountId is not null)
            .Select(r => HubGroups.Inbox(r.AccountId!));
        await hub.Clients.Groups([HubGroups.Stream(schoolId), HubGroups.Stream(school.DistrictId), .. centre])
            .SendAsync(HubEvents.SignalQueue, new SignalQueueNotice(schoolId, waiting));
    }
}
