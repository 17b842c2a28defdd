using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Notifications;

/// <param name="Mode">How the channel is served ("twilio", "local"; "webpush", "off").</param>
/// <param name="Failures">Failed deliveries since the server started (the wallboard's count), beside those in a row.</param>
public sealed record ChannelHealthView(string Mode, bool Degraded, DateTimeOffset? Since, int ConsecutiveFailures, long Failures = 0);

/// <summary>
/// Whether a delivery channel's provider is answering. After a few failures in a row every live page says the channel is
/// degraded (the wallboard shows a banner); alerts keep flowing over the other channels meanwhile. One success clears it.
/// </summary>
public abstract class ChannelHealth(IHubContext<AlertHub> hub, TimeProvider time, string hubEvent)
{
    public const int FailuresBeforeDegraded = 3;
    private readonly Lock _lock = new();
    private int _inARow;
    private long _failures;
    private DateTimeOffset? _since;

    public abstract string Mode { get; }

    public ChannelHealthView View
    {
        get { lock (_lock) return new ChannelHealthView(Mode, _inARow >= FailuresBeforeDegraded, _since, _inARow, _failures); }
    }

    public Task SucceededAsync()
    {
        lock (_lock)
        {
            var wasDegraded = _inARow >= FailuresBeforeDegraded;
            _inARow = 0;
            _since = null;
            if (!wasDegraded) return Task.CompletedTask;
        }

        return BroadcastAsync();
    }

    public Task FailedAsync()
    {
        lock (_lock)
        {
            _inARow++;
            _failures++;
            _since ??= time.GetUtcNow();
            if (_inARow != FailuresBeforeDegraded) return Task.CompletedTask;
        }

        return BroadcastAsync();
    }

    private Task BroadcastAsync() => hub.Clients.All.SendAsync(hubEvent, View);
}
