using System.Net;
using System.Net.Sockets;

namespace CrisisHub.Server.Hosting;

/// <summary>
/// Tries a port before Orleans does, so a port another server holds stops start-up with a message that
/// names it instead of leaving a second silo half up.
/// </summary>
public static class PortProbe
{
    /// <summary>Throws naming the port and its setting when something already listens on it.</summary>
    public static void EnsureFree(IPAddress address, int port, string setting)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        AllowTimeWait(socket);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new StartupFailure(StartupFailure.PortInUse,
                $"{setting} {port} is already in use on {address} (another CrisisHub server, or another program, holds it). " +
                $"Stop it, or set a free {setting}.", exception);
        }
    }

    // Plain SO_REUSEADDR, so a crashed server's connections still in TIME_WAIT do not block its restart while a
    // live listener still refuses the bind. Not SocketOptionName.ReuseAddress: on Linux .NET adds SO_REUSEPORT to
    // it, which is how Orleans' own listener let a second silo share the port (both "came up"), and the probe
    // would share it the same way. Windows refuses a port with a listener without any option.
    private static void AllowTimeWait(Socket socket)
    {
        var on = BitConverter.GetBytes(1);
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, on);
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) socket.SetRawSocketOption(0xffff, 4, on);
    }
}
