using System.Net;
using System.Net.Sockets;

namespace CrisisHub.Testing;

/// <summary>
/// Ports for the servers and silos the tests start on loopback. A port chosen by binding port 0 comes from
/// Linux's ephemeral range (32768-60999), where the OS may hand it to an outgoing connection before the server
/// binds it, so these come from below that range instead: each test process starts at a random place and walks
/// on, skipping a port that cannot be bound now. Parallel test processes then rarely meet, and never an
/// outgoing connection.
/// </summary>
public static class FreePorts
{
    private const int First = 20000;
    private const int Count = 12000;
    private static int _next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var tries = 0; tries < Count; tries++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port)) return port;
        }

        throw new InvalidOperationException($"No free port between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
