using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CrisisHub.Grains.Tests;

// Also compiled into the cluster suite.

/// <summary>
/// A real redis-server on 127.0.0.1 and a free port, owned by one test fixture. tests/run.sh installs the
/// redis-server package when it is missing; a test never skips for want of it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";
    private readonly string _folder;
    private Process? _process;

    private RedisServer(int port, string folder)
    {
        Port = port;
        _folder = folder;
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>With appendOnly, every write is on disk (fsync always) and survives a restart of the server.</summary>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "crisishub-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new RedisServer(FreePort(), folder);
        await server.StartProcessAsync(appendOnly);
        return server;
    }

    public async Task RestartAsync(bool appendOnly = true)
    {
        await StopAsync();
        await StartProcessAsync(appendOnly);
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private async Task StartProcessAsync(bool appendOnly)
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException($"{Executable} is missing: run tests/run.sh, which installs redis-server.");
        _process = Process.Start(new ProcessStartInfo(Executable,
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _folder, "--save", "",
            "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "no",
        ]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await PingAsync()) return;
            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING.");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG");
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort() => CrisisHub.Testing.FreePorts.Next();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
