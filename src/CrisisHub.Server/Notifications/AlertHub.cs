using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;
using CrisisHub.Server.Cases;
using CrisisHub.Server.Identity;
using CrisisHub.Server.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Notifications;

/// <summary>
/// Live alerts. Each connection says what it is for and joins exactly one group, so it hears each event once:
/// an inbox (the default) joins its person's inbox group and hears the alerts its inbox lists; a wallboard
/// (<c>?watch={school or district}</c>) joins that scope's live stream and hears everything in it; a case page
/// (<c>?case={id}</c>) hears that case; a hospital liaison desk hears its hospital's referrals; a privacy overseer's
/// page (<c>?privacy=1</c>: the psychology centre, district administrators) hears of emergency accesses at the nodes the
/// person holds. Reporting students join nothing: they learn only the receipt status of their own flags, through the API.
/// </summary>
[Authorize]
public sealed class AlertHub(IGrainFactory grains, Operations.HubMetrics metrics) : Hub
{
    public const string Path = "/hubs/alerts";
    public const string WatchParameter = "watch";
    public const string CaseParameter = "case";
    public const string PrivacyParameter = "privacy";

    public override async Task OnConnectedAsync()
    {
        var user = CurrentUser.From(Context.User!);
        var query = Context.GetHttpContext()?.Request.Query;
        string? purpose = null;
        if (user.Role == ResponderRole.HospitalLiaison)
        {
            // A desk hears of the referrals addressed to its hospital, and of nothing else.
            foreach (var hospitalId in await HospitalDesks.HospitalsOfAsync(grains, user)) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Hospital(hospitalId));
            purpose = "hospital";
        }
        else if (query?[WatchParameter].ToString() is { Length: > 0 } scopeId)
        {
            var scope = scopeId.Length <= 64 ? await grains.GetGrain<IWarningNodeGrain>(scopeId).GetAsync() : null;
            if (scope is null || !user.CanWatch(scope)) throw new HubException("No such school or district, or you do not watch it.");
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Stream(scopeId));
            purpose = "wall";
        }
        else if (query?[CaseParameter].ToString() is { Length: > 0 } caseId)
        {
            var routing = caseId.Length <= 64 ? await CaseAccess.RoutingAsync(grains, caseId) : null;
            if (routing is null || !await CaseAccess.MayReadAsync(grains, user, routing)) throw new HubException("No such case, or it is not yours.");
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Case(caseId));
            purpose = "case";
        }
        else if (query?[PrivacyParameter].ToString() is { Length: > 0 })
        {
            if (!user.Role.OverseesPrivacy()) throw new HubException("Only the psychology centre and district administrators oversee emergency access.");
            foreach (var nodeId in user.NodeIds) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Privacy(nodeId));
            purpose = "privacy";
        }
        else if (user.Role.HandlesCases())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Inbox(user.UserName));
            purpose = "inbox";
        }

        await base.OnConnectedAsync();
        // Reporters' connections listen for nothing and are not counted.
        if (purpose is not null)
        {
            Context.Items[PurposeItem] = purpose;
            metrics.Connected(purpose);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(PurposeItem, out var purpose) && purpose is string counted) metrics.Disconnected(counted);
        return base.OnDisconnectedAsync(exception);
    }

    private const string PurposeItem = "crisishub.purpose";

    /// <summary>Acknowledges from the live page, with the same checks as the API.</summary>
    public async Task<AcknowledgeResult> Acknowledge(string caseId)
    {
        var user = CurrentUser.From(Context.User!);
        var routing = await CaseAccess.RoutingAsync(grains, caseId);
        // One message for unknown and not-yours, as in the API: the hub must not tell which case ids exist.
        if (routing is null || !await CaseAccess.MayReadAsync(grains, user, routing)) throw new HubException("No such case, or it is not yours.");
        return await grains.GetGrain<IStudentCaseGrain>(caseId).AcknowledgeAsync(user.Actor);
    }
}
