using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Notifications;

/// <summary>
/// Live alerts. A connection joins the groups of the nodes its person responds for, and duty officers,
/// leaders and district officers also join their school's or district's stream. Reporting students
/// join nothing: they learn only the receipt status of their own flags, through the API. Hospital liaison
/// desks join their hospital's group only.
/// </summary>
[Authorize]
public sealed class AlertHub(IGrainFactory grains) : Hub
{
    public const string Path = "/hubs/alerts";

    public override async Task OnConnectedAsync()
    {
        var user = CurrentUser.From(Context.User!);
        if (user.Role == ResponderRole.HospitalLiaison)
        {
            // A desk hears of the referrals addressed to its hospital, and of nothing else.
            foreach (var hospitalId in user.NodeIds) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Hospital(hospitalId));
        }
        else if (user.Role.HandlesCases())
        {
            foreach (var nodeId in user.NodeIds)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Node(nodeId));
                var node = await grains.GetGrain<IWarningNodeGrain>(nodeId).GetAsync();
                if (node is not null && user.CanWatch(node))
                    await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Stream(nodeId));
            }
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Acknowledges from the live page, with the same checks as the API.</summary>
    public async Task<AcknowledgeResult> Acknowledge(string caseId)
    {
        var user = CurrentUser.From(Context.User!);
        var routing = await CaseAccess.RoutingAsync(grains, caseId)
            ?? throw new HubException("No such case.");
        if (!user.CanReadCase(routing.Placement)) throw new HubException("You may not act on this case.");
        return await grains.GetGrain<IStudentCaseGrain>(caseId).AcknowledgeAsync(user.Actor);
    }
}
