using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Sms;

public sealed record SmsHealthView(string Mode, bool Degraded, DateTimeOffset? Since, int ConsecutiveFailures);

/// <summary>
/// Whether the SMS provider is answering. After a few failures in a row every live page says "SMS degraded";
/// alerts keep flowing over the web meanwhile, and the texts wait in their grains for the provider to return.
/// </summary>
public sealed class SmsHealthMode
{
    public string Mode { get; set; } = "local";
}

public sealed class SmsHealth(IHubContext<AlertHub> hub, TimeProvider time, Microsoft.Extensions.Options.IOptions<SmsHealthMode> mode)
{
    public const int FailuresBeforeDegraded = 3;
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _since;

    public string Mode => mode.Value.Mode;

    public SmsHealthView View
    {
        get { lock (_lock) return new SmsHealthView(Mode, _failures >= FailuresBeforeDegraded, _since, _failures); }
    }

    public Task SucceededAsync()
    {
        lock (_lock)
        {
            var wasDegraded = _failures >= FailuresBeforeDegraded;
            _failures = 0;
            _since = null;
            if (!wasDegraded) return Task.CompletedTask;
        }

        return BroadcastAsync();
    }

    public Task FailedAsync()
    {
        lock (_lock)
        {
            _failures++;
            _since ??= time.GetUtcNow();
            if (_failures != FailuresBeforeDegraded) return Task.CompletedTask;
        }

        return BroadcastAsync();
    }

    private Task BroadcastAsync() => hub.Clients.All.SendAsync(HubEvents.SmsHealth, View);
}
