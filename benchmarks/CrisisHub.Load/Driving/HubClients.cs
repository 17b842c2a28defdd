using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using CrisisHub.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisHub.Load.Driving;

/// <summary>
/// Many SignalR client connections, opened a few at a time. No automatic reconnect: a receiver that drops would
/// miss alerts, and the benchmark counts the drop (<see cref="Dropped"/>) instead of papering over it.
/// </summary>
public sealed class HubClients : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private int _dropped;
    private int _failed;
    private volatile bool _closing;

    public int Opened => _connections.Count;
    public int Failed => _failed;
    public int Dropped => Volatile.Read(ref _dropped);

    /// <param name="endpoints">Hub URL and bearer token of each connection.</param>
    /// <param name="register">Adds the handlers of one connection (given its index) before it starts.</param>
    public static async Task<HubClients> ConnectAsync(IReadOnlyList<(Uri Url, string? Token)> endpoints, Action<int, HubConnection> register,
        int parallel = 32, bool tolerateFailures = false)
    {
        var clients = new HubClients();
        await Parallel.ForAsync(0, endpoints.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, cancellation) =>
        {
            var (url, token) = endpoints[i];
            var connection = new HubConnectionBuilder()
                .WithUrl(url, o =>
                {
                    // Straight to a WebSocket, as the pages end up: no negotiate round trip per connection.
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .AddJsonProtocol(o => ProblemDetailsSetup.Configure(o.PayloadSerializerOptions))
                .Build();
            register(i, connection);
            connection.Closed += _ =>
            {
                if (!clients._closing) Interlocked.Increment(ref clients._dropped);
                return Task.CompletedTask;
            };
            try
            {
                await connection.StartAsync(cancellation);
                lock (clients._connections) clients._connections.Add(connection);
            }
            catch (Exception) when (tolerateFailures)
            {
                Interlocked.Increment(ref clients._failed);
                await connection.DisposeAsync();
            }
        });
        return clients;
    }

    public async ValueTask DisposeAsync()
    {
        // Our own closing is not a drop.
        _closing = true;
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
    }
}
