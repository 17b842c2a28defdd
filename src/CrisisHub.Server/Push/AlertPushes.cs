using System.Threading.Channels;
using CrisisHub.Contracts.Identity;
using CrisisHub.Contracts.Notifications;
using CrisisHub.Contracts.Push;
using CrisisHub.Grains.Telemetry;

namespace CrisisHub.Server.Push;

/// <summary>
/// The Web Push side of the alert port: the case grain's notification is queued here in no time (the case's turn never waits
/// for a push service), and <see cref="AlertPushDispatcher"/> sends it to every device of every person at the nodes the step
/// fired at. Best effort like the live hub: the case's state and its texts are the record; a push lost with the process
/// leaves the SMS and the inbox to reach the person.
/// </summary>
public sealed class AlertPushes
{
    /// <summary>Far more steps than a district fires in the time a push service takes to answer; past it a push is counted lost.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<AlertNotification> _queue = Channel.CreateBounded<AlertNotification>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    internal ChannelReader<AlertNotification> Reader => _queue.Reader;

    /// <summary>Queues the pushes of a step; false when the change notifies nobody by push or the queue is full.</summary>
    public bool Offer(AlertNotification notification) => AlertPush.Notifies(notification) && _queue.Writer.TryWrite(notification);
}

/// <summary>Sends the queued steps' pushes, a few devices at a time; drops a device its service says is gone.</summary>
public sealed partial class AlertPushDispatcher(AlertPushes pushes, IGrainFactory grains, IServiceProvider services, PushHealth health,
    CrisisHubMetrics metrics, VapidKeys keys, ILogger<AlertPushDispatcher> logger) : BackgroundService
{
    private const int DevicesAtOnce = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!keys.On) LogOff(keys.OffBecause ?? "off");
        await foreach (var notification in pushes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(notification, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogStepFailed(exception, notification.EventId);
            }
        }
    }

    /// <summary>Every device of every enabled case handler at the fired nodes, each in the person's language.</summary>
    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        if (!keys.On) return;
        var people = await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).CaseHandlersAtAsync(notification.FiredNodeIds ?? []);
        var targets = new List<(string Person, PushDevice Device, AlertPush Push)>();
        foreach (var person in people)
        {
            var devices = await grains.GetGrain<IPushDevicesGrain>(person).ListAsync();
            if (devices.Length == 0) continue;
            var language = (await grains.GetGrain<IUserAccountGrain>(person).GetAsync())?.PreferredLanguage ?? "zh-CN";
            var push = AlertPush.For(notification, language);
            targets.AddRange(devices.Select(d => (person, d, push)));
        }

        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = DevicesAtOnce, CancellationToken = cancellationToken },
            async (target, token) => await SendOneAsync(target.Person, target.Device, target.Push, token));
    }

    private async Task SendOneAsync(string person, PushDevice device, AlertPush push, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<WebPushSender>();
        var outcome = await sender.SendAsync(device, push, cancellationToken);
        metrics.WebPushSent(outcome.ToString().ToLowerInvariant());
        switch (outcome)
        {
            case PushOutcome.Delivered:
                await health.SucceededAsync();
                break;
            case PushOutcome.Gone:
                await grains.GetGrain<IPushDevicesGrain>(person).RemoveAsync(device.Endpoint);
                break;
            default:
                await health.FailedAsync();
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web Push is off: {Reason}")]
    private partial void LogOff(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pushes of {EventId} could not be sent")]
    private partial void LogStepFailed(Exception exception, string eventId);
}
