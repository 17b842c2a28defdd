using System.Diagnostics;
using CrisisHub.Contracts.Operations;
using CrisisHub.Grains.Escalation;
using CrisisHub.Server.Seed;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CrisisHub.Server.Operations.Canary;

/// <summary>
/// Proves on a schedule that an alert still gets through, end to end, on this node: the canary responder flags its synthetic
/// student over the API, then waits for the live push over its own hub connection, for the text to be handed to the (local)
/// outbox, and for the unacknowledged alert to escalate to its second step; then it acknowledges and closes the case. Each
/// wait has a deadline on the grain clock (the clock the escalation itself runs on). A run that fails records the stage it
/// failed in, counts in metrics and puts an operator alert on every wallboard until a run succeeds.
/// </summary>
public sealed partial class CanaryRunner(
    IOptions<CanaryOptions> options,
    IOptions<PolicyLimits> limits,
    NodeIdentity node,
    SeedLoader seeds,
    IServer server,
    IHostApplicationLifetime lifetime,
    CanaryStatus status,
    CanaryMetrics metrics,
    OperatorAlerts operatorAlerts,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    TimeProvider realTime,
    ILogger<CanaryRunner> logger) : BackgroundService
{
    private static readonly TimeSpan TextPoll = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private CanaryDistrict? _district;
    private CanaryClient? _client;

    public string Node => node.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        metrics.Start();
        // The canary calls this node's own HTTP endpoint: only once it listens.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => listening.TrySetResult())) await listening.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One run, never two at once; its report is also what <see cref="CanaryStatus.Last"/> holds afterwards.</summary>
    public async Task<CanaryReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // One trace per run, made whether or not spans are collected: the run's own log lines and the node's log lines
            // for its requests (the trace id travels in their traceparent header) share its trace id.
            using var trace = new Activity("canary.run").Start();
            return await RunAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<CanaryReport> RunAsync(CancellationToken cancellationToken)
    {
        var run = status.Start();
        var started = clock.GetTimestamp();
        (double? Push, double? Total) seconds = (null, null);
        string? failure = null;
        string? caseId = null;
        try
        {
            var client = await ClientAsync(cancellationToken);
            await client.ConnectAsync(clock.GetUtcNow(), cancellationToken);
            // A run that failed half-way (or a crash) may have left the student's case open: a new flag would only join it.
            foreach (var open in await client.OpenCasesAsync(cancellationToken)) await EndCaseAsync(client, open, cancellationToken);
            while (client.Pushes.Reader.TryRead(out _)) { }

            run.Enter(CanaryStage.Flag);
            caseId = await client.FlagAsync(cancellationToken);

            // Each wait's deadline starts before the run says it is waiting, so a clock moved at that moment counts.
            using (var deadline = Deadline(options.Value.StepTimeout, cancellationToken))
            {
                run.Enter(CanaryStage.Push);
                await WaitForPushAsync(client, "Raised", caseId, options.Value.StepTimeout, deadline, cancellationToken);
            }

            seconds.Push = clock.GetElapsedTime(started).TotalSeconds;
            metrics.Took("push", clock.GetElapsedTime(started));

            using (var deadline = Deadline(options.Value.StepTimeout, cancellationToken))
            {
                run.Enter(CanaryStage.Sms);
                await WaitForTextAsync(client, caseId, deadline, cancellationToken);
            }

            metrics.Took("sms", clock.GetElapsedTime(started));

            var escalating = clock.GetTimestamp();
            var escalationWithin = _district!.FirstStepWithin + options.Value.StepTimeout;
            using (var deadline = Deadline(escalationWithin, cancellationToken))
            {
                run.Enter(CanaryStage.Escalation);
                await WaitForPushAsync(client, "Escalated", caseId, escalationWithin, deadline, cancellationToken);
            }

            metrics.Took("escalation", clock.GetElapsedTime(escalating));

            run.Enter(CanaryStage.Acknowledge);
            await client.AcknowledgeAsync(caseId, cancellationToken);
            run.Enter(CanaryStage.Close);
            await client.CloseAsync(caseId, cancellationToken);
            caseId = null;
            run.Enter(CanaryStage.Done);
            seconds.Total = clock.GetElapsedTime(started).TotalSeconds;
            metrics.Took("total", clock.GetElapsedTime(started));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            failure = exception switch
            {
                CanaryFailure f => f.Message,
                TimeoutException t => t.Message,
                _ => exception.GetType().Name,
            };
            LogRunFailed(Node, run.Stage, failure);
        }

        if (caseId is not null && _client is not null) await TryEndCaseAsync(_client, caseId);
        var report = new CanaryReport(Node, failure is null, run.Stage, failure, clock.GetUtcNow(),
            failure is null ? clock.GetUtcNow() : status.LastSuccessAt, seconds.Push, seconds.Total);
        metrics.Ran(report.Succeeded, report.Stage);
        await operatorAlerts.CanaryReportedAsync(report);
        status.Finish(run, report);
        return report;
    }

    private async Task<CanaryClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is not null) return _client;
        _district ??= CanaryDistrict.For(Node, limits.Value);
        // Through the same bulk, idempotent path as any seed; the account's password is this process's own.
        await seeds.ApplyAsync(_district.Seed(limits.Value), cancellationToken);
        return _client = new CanaryClient(BaseAddress(), _district);
    }

    private static async Task WaitForPushAsync(CanaryClient client, string kind, string caseId, TimeSpan within, CanaryDeadline deadline,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var (pushed, pushedCase) = await client.Pushes.Reader.ReadAsync(deadline.Token);
                if (pushed == kind && pushedCase == caseId) return;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no {kind} push within {within.TotalSeconds:0} s");
        }
    }

    /// <summary>Polls the case's page (each read is an audited read, so with a back-off) until a text was handed over.</summary>
    private async Task WaitForTextAsync(CanaryClient client, string caseId, CanaryDeadline deadline, CancellationToken cancellationToken)
    {
        var pause = TextPoll;
        try
        {
            while (true)
            {
                // Accepted or further: the message grain handed it to the outbox (a canary's text never goes to a provider).
                if ((await client.TextStatusesAsync(caseId, deadline.Token)).Any(s => s is "Accepted" or "Sent" or "Delivered")) return;
                await Task.Delay(pause, realTime, deadline.Token);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(3).Ticks));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no text handed over within {options.Value.StepTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>A deadline on the grain clock, so that fake time in tests moves it as it moves the escalation.</summary>
    private CanaryDeadline Deadline(TimeSpan within, CancellationToken cancellationToken) => new(within, clock, cancellationToken);

    private static async Task EndCaseAsync(CanaryClient client, string caseId, CancellationToken cancellationToken)
    {
        try { await client.AcknowledgeAsync(caseId, cancellationToken); }
        catch (CanaryFailure) { /* acknowledged already, or nothing to acknowledge: closing is what matters */ }
        await client.CloseAsync(caseId, cancellationToken);
    }

    private async Task TryEndCaseAsync(CanaryClient client, string caseId)
    {
        try { await EndCaseAsync(client, caseId, CancellationToken.None); }
        catch (Exception exception) { LogCleanupFailed(Node, exception.GetType().Name); }
    }

    private Uri BaseAddress()
    {
        if (options.Value.BaseAddress is { Length: > 0 } configured) return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new CanaryFailure("the server listens on no address; set Canary:BaseAddress");
        // A wildcard binding ("http://0.0.0.0:8080", "http://+:8080") is reached on loopback.
        var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public override void Dispose()
    {
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Canary {Node} failed at {Stage}: {Reason}")]
    private partial void LogRunFailed(string node, CanaryStage stage, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Canary {Node} could not close its case after a failed run ({Reason}); the next run closes it")]
    private partial void LogCleanupFailed(string node, string reason);
}

/// <summary>A token cancelled after a time on a given clock, or with the run.</summary>
internal sealed class CanaryDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public CanaryDeadline(TimeSpan within, TimeProvider clock, CancellationToken run)
    {
        _timeout = new CancellationTokenSource(within, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(run, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
