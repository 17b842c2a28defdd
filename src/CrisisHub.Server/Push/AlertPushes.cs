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
public sealed class AlertPushes(CrisisHubMetrics metrics)
{
    /// <summary>Far more steps than a district fires in the time a push service takes to answer; past it a push is counted lost.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<AlertNotification> _queue = Channel.CreateBounded<AlertNotification>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    internal ChannelReader<AlertNotification> Reader => _queue.Reader;

    /// <summary>Queues the pushes of a step that fired; a change that fired none is not queued.</summary>
    public void Offer(AlertNotification notification)
    {
        if (AlertPush.Notifies(notification) && !_queue.Writer.TryWrite(notification)) metrics.WebPushSent("failed");
    }
}

/// <summary>
/// Sends the queued steps' pushes, a few steps and a few devices of each at a time, so one slow push service holds up no other
/// case for long. A device is pushed only while the account's sessions it was made in last, and only under the key it was
/// made with; one its service says is gone is dropped.
/// </summary>
public sealed partial class AlertPushDispatcher(AlertPushes pushes, IGrainFactory grains, IServiceProvider services, CrisisHubMetrics metrics,
    ILogger<AlertPushDispatcher> logger) : BackgroundService
{
    private const int StepsAtOnce = 4;
    private const int DevicesAtOnce = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: hosted services are all built before the first starts, and the embedded
        // server's key file must be made while ServerExclusivity holds the data folder.
        var keys = services.GetRequiredService<VapidKeys>();
        var health = services.GetRequiredService<PushHealth>();
        if (!keys.On) LogOff(keys.OffBecause ?? "off");
        try
        {
            await Parallel.ForEachAsync(pushes.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = StepsAtOnce, CancellationToken = stoppingToken },
                async (notification, token) =>
                {
                    try
                    {
                        await SendAsync(notification, keys, health, token);
                    }
                    catch (Exception exception) when (!token.IsCancellationRequested)
                    {
                        // Nobody of the step could be looked up: the step's pushes are lost, which the channel's health says.
                        metrics.WebPushSent("failed");
                        LogStepFailed(exception, notification.EventId);
                        await ReportAsync(health.FailedAsync);
                    }
                });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: pushes still queued are lost with it (best effort, like the live hub).
        }
    }

    /// <summary>
    /// Tells the live pages about the channel's health. A failure to tell them (the hub's backplane down) is logged and goes
    /// no further: an exception out of a hosted service would stop the whole host, and alerts with it.
    /// </summary>
    private async Task ReportAsync(Func<Task> report)
    {
        try
        {
            await report();
        }
        catch (Exception exception)
        {
            LogHealthNotSent(exception);
        }
    }

    /// <summary>Every current device of every enabled case handler at the fired nodes, each in the person's language.</summary>
    private async Task SendAsync(AlertNotification notification, VapidKeys keys, PushHealth health, CancellationToken cancellationToken)
    {
        if (!keys.On) return;
        // Most people have no device: the roster says who has, so nobody else is looked up at all.
        var withDevices = await grains.GetGrain<IPushRosterGrain>(IPushRosterGrain.Key).WithDevicesAsync();
        if (withDevices.Length == 0) return;
        var people = (await grains.GetGrain<IAccountDirectoryGrain>(AccountDirectory.Key).CaseHandlersAtAsync(notification.FiredNodeIds ?? []))
            .Intersect(withDevices);
        var targets = new List<(string Person, PushDevice Device, AlertPush Push)>();
        foreach (var person in people)
        {
            var devices = grains.GetGrain<IPushDevicesGrain>(person);
            var listed = await devices.ListAsync();
            if (listed.Length == 0) continue;
            var account = grains.GetGrain<IUserAccountGrain>(person);
            // Null for a disabled account: none of its devices is pushed.
            var stamp = await account.GetSecurityStampAsync();
            foreach (var stale in listed.Where(d => d.SessionStamp != stamp || d.VapidKey != keys.PublicKey)) await devices.RemoveAsync(stale.Endpoint);
            var current = listed.Where(d => stamp is not null && d.SessionStamp == stamp && d.VapidKey == keys.PublicKey).ToList();
            if (current.Count == 0) continue;
            var push = AlertPush.For(notification, (await account.GetAsync())?.PreferredLanguage ?? "zh-CN");
            targets.AddRange(current.Select(d => (person, d, push)));
        }

        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = DevicesAtOnce, CancellationToken = cancellationToken },
            async (target, token) => await SendOneAsync(target.Person, target.Device, target.Push, health, token));
    }

    private async Task SendOneAsync(string person, PushDevice device, AlertPush push, PushHealth health, CancellationToken cancellationToken)
    {
        PushOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<WebPushSender>().SendAsync(device, push, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever one device's push did (a key the library cannot use, say), the step's other devices still get theirs.
            LogDeviceFailed(exception.GetType().Name, new Uri(device.Endpoint).Host);
            outcome = PushOutcome.Failed;
        }

        metrics.WebPushSent(outcome.ToString().ToLowerInvariant());
        switch (outcome)
        {
            case PushOutcome.Delivered:
                await ReportAsync(health.SucceededAsync);
                break;
            case PushOutcome.Gone:
                await grains.GetGrain<IPushDevicesGrain>(person).RemoveAsync(device.Endpoint);
                break;
            default:
                await ReportAsync(health.FailedAsync);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web Push is off: {Reason}")]
    private partial void LogOff(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pushes of {EventId} could not be sent")]
    private partial void LogStepFailed(Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live pages could not be told Web Push's health")]
    private partial void LogHealthNotSent(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push to a device at {PushHost} failed: {Error}")]
    private partial void LogDeviceFailed(string error, string pushHost);
}
