using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Push;

/// <summary>
/// Whether the push services are taking this server's pushes (see <see cref="ChannelHealth"/>). A device its service says
/// is gone (404/410) is not a failure of the channel: that subscription is dropped instead.
/// </summary>
public sealed class PushHealth(IHubContext<AlertHub> hub, TimeProvider time, VapidKeys keys) : ChannelHealth(hub, time, HubEvents.PushHealth)
{
    public override string Mode => keys.On ? "webpush" : "off";
}
