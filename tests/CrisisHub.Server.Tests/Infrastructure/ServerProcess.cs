using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// The built server started as its own OS process (`dotnet CrisisHub.Server.dll`), so that a test can
/// kill it the hard way (SIGKILL: no shutdown hooks, no flush) and start it again over the same data.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public bool HasExited => _process.HasExited;
    public int SiloPort => int.Parse(_siloPort);
    private string _siloPort = "";
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ServerProcess> StartAsync(string dataFolder, int httpPort, IReadOnlyDictionary<string, string>? environment = null)
    {
        var serverDll = LocateServerDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [serverDll])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["CrisisHub__DataFolder"] = dataFolder;
        start.Environment["CrisisHub__SeedFile"] = Path.Combine(dataFolder, "seed.json");
        start.Environment["CrisisHub__LoginAttemptsPerMinute"] = "100000";
        start.Environment["Silo__SiloPort"] = FreePort().ToString();
        start.Environment["Silo__GatewayPort"] = FreePort().ToString();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{httpPort}/")) { _siloPort = start.Environment["Silo__SiloPort"]! };
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilServingAsync();
        return server;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or deactivate anything.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public static int FreePort() => CrisisHub.Testing.FreePorts.Next();

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Exited is not the end of its output: the parameterless wait also drains the redirected streams,
                // so the message below holds what the server said on its way out.
                _process.WaitForExit();
                throw new InvalidOperationException($"The server exited during start (exit code {_process.ExitCode}):\n{Output}");
            }
            try
            {
                if ((await http.GetAsync("api/auth/me")).StatusCode == HttpStatusCode.Unauthorized) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not start within 90 s:\n{Output}");
    }

    /// <summary>Runs the built server with a command (`--backup …`) to its end; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var serverDll = LocateServerDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [serverDll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await output + await error);
    }

    private static string LocateServerDll()
    {
        // Tests run from tests/CrisisHub.Server.Tests/bin/{Configuration}/net10.0/; the server was built beside them.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CrisisHub.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("CrisisHub.sln not found above the test folder.");
        var dll = Path.Combine(root.FullName, "src", "CrisisHub.Server", "bin", configuration, "net10.0", "CrisisHub.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first.", dll);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillHardAsync();
        _process.Dispose();
    }
}
