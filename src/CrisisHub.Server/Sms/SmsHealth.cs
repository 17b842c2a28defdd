using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Sms;

public sealed class SmsHealthMode
{
    public string Mode { get; set; } = "local";
}

/// <summary>
/// Whether the SMS provider is answering (see <see cref="ChannelHealth"/>): while it is degraded the texts wait in their
/// grains for the provider to return.
/// </summary>
public sealed class SmsHealth(IHubContext<AlertHub> hub, TimeProvider time, Microsoft.Extensions.Options.IOptions<SmsHealthMode> mode)
    : ChannelHealth(hub, time, HubEvents.SmsHealth)
{
    public override string Mode => mode.Value.Mode;
}
