using System.Diagnostics;

namespace CrisisHub.Load.Processes;

/// <summary>
/// A `dotnet some.dll` child process on loopback: the product server or the floor. It is ready when its readiness
/// URL answers 2xx (polling a real process's endpoint, not a sleep); its last output lines are kept for the error
/// message when it dies during start. Disposing kills it (SIGKILL: nothing to flush, the benchmark throws its data away).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Id => _process.Id;

    public string Tail { get { lock (_tail) return string.Join('\n', _tail); } }

    public static async Task<ChildProcess> StartAsync(string dll, int port, IReadOnlyDictionary<string, string> environment,
        string readinessPath, TimeSpan startTimeout, IEnumerable<string>? args = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args ?? []) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var child = new ChildProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilReadyAsync(readinessPath, startTimeout);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines) _tail.Dequeue();
        }
    }

    private async Task WaitUntilReadyAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"{Path.GetFileName(_process.StartInfo.ArgumentList[0])} exited during start:\n{Tail}");
            }

            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }

            // Polling a starting process: there is no event to wait on across the process boundary.
            await Task.Delay(100);
        }

        throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} was not ready within {timeout}:\n{Tail}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
