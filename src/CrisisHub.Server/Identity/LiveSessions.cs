using System.Collections.Concurrent;
using System.Security.Claims;
using CrisisHub.Grains.Identity;
using CrisisHub.Server.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace CrisisHub.Server.Identity;

/// <summary>Names of the session messages on the alert hub.</summary>
public static class SessionHub
{
    /// <summary>Every hub connection of one account joins this group; it hears <see cref="EndedEvent"/> when the account's sessions end.</summary>
    public static string Group(string userName) => $"session:{userName}";

    /// <summary>Sent to an account's connections when its sessions end: a good client stops reconnecting and goes to sign-in.</summary>
    public const string EndedEvent = "sessionEnded";
}

/// <summary>
/// The open hub connections on this node. A connection holds the principal it was opened with, so a revoked account's
/// connection would otherwise live on: <see cref="SweepAsync"/> checks each account's stamp once and aborts the
/// connections whose session has ended.
/// </summary>
public sealed partial class LiveSessions(SessionStamps stamps, ILogger<LiveSessions> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public int Count => _connections.Count;

    public void Add(HubCallerContext connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    /// <summary>Aborts every connection whose session has ended; returns how many.</summary>
    public async Task<int> SweepAsync()
    {
        var closed = 0;
        var sessions = _connections.Values.GroupBy(c => (c.User?.FindFirstValue(ClaimTypes.NameIdentifier), c.User?.FindFirstValue(SessionStamps.StampClaim)));
        foreach (var session in sessions)
        {
            if (await stamps.IsCurrentAsync(session.First().User)) continue;
            foreach (var connection in session)
            {
                connection.Abort();
                Remove(connection);
                closed++;
            }
        }

        if (closed > 0) LogClosed(closed);
        return closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connections whose session had ended")]
    private partial void LogClosed(int count);
}

/// <summary>Checks the session on every hub method call, and keeps <see cref="LiveSessions"/> and the session groups up to date.</summary>
internal sealed class SessionHubFilter(SessionStamps stamps, LiveSessions live) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!await stamps.IsCurrentAsync(invocationContext.Context.User))
        {
            live.Remove(invocationContext.Context);
            invocationContext.Context.Abort();
            throw new HubException("Your session has ended: sign in again.");
        }

        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userName)
            await context.Hub.Groups.AddToGroupAsync(context.Context.ConnectionId, SessionHub.Group(userName));
        live.Add(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        live.Remove(context.Context);
        await next(context, exception);
    }
}

/// <summary>Runs <see cref="LiveSessions.SweepAsync"/> on every node every <see cref="Period"/> of the grain clock.</summary>
public sealed partial class SessionSweep(LiveSessions live, TimeProvider clock, ILogger<SessionSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (live.Count == 0) continue;
            try
            {
                await live.SweepAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next period tries again; a silo that is briefly unreachable must not end the sweep.
                LogSweepFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session sweep failed; it runs again next period")]
    private partial void LogSweepFailed(Exception exception);
}

/// <summary>Tells an account's hub connections, on every node (through the backplane in a cluster), that its sessions ended.</summary>
internal sealed class SignalRSessionNotifier(IHubContext<AlertHub> hub) : ISessionNotifier
{
    public Task SessionsEndedAsync(string userName) => hub.Clients.Group(SessionHub.Group(userName)).SendAsync(SessionHub.EndedEvent);
}
