using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisHub.Server.Seed;
using CrisisHub.Testing;

namespace CrisisHub.Load.Processes;

/// <summary>Durable transactions (fsyncs) and stored row writes, as the storage diagnostics endpoint counts them.</summary>
public sealed record StorageCounters(long Commits, long Writes, long? UsedBytes);

/// <summary>
/// The product as an operator runs it: `dotnet CrisisHub.Server.dll` (embedded default: one silo, SQLite in its data
/// folder), on free loopback ports, with the login rate limit lifted because the benchmark signs in every account
/// of the district from one address.
/// </summary>
public sealed class ProductServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ProductServer(ChildProcess process, string dataFolder)
    {
        _process = process;
        DataFolder = dataFolder;
    }

    public string DataFolder { get; }
    public Uri BaseAddress => _process.BaseAddress;
    public int ProcessId => _process.Id;

    public static async Task<ProductServer> StartAsync(string serverDll, string dataFolder, string seedFile,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["CrisisHub__DataFolder"] = dataFolder,
            ["CrisisHub__SeedFile"] = seedFile,
            ["CrisisHub__LoginAttemptsPerMinute"] = "1000000",
            ["Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Silo__GatewayPort"] = FreePorts.Next().ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        // Seeding a large district happens before the server listens; give it the time it takes.
        var process = await ChildProcess.StartAsync(serverDll, port, environment, "health/ready", TimeSpan.FromMinutes(30));
        return new ProductServer(process, dataFolder);
    }

    public ProcessSample Sample() => ProcessMetrics.Read(_process.Id);

    public long DatabaseBytes() => ProcessMetrics.DatabaseBytes(DataFolder);

    /// <summary>GET /api/admin/diagnostics/storage, or null where this server has no such endpoint yet.</summary>
    public async Task<StorageCounters?> StorageCountersAsync(HttpClient http, string adminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "api/admin/diagnostics/storage"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) return null;
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("commits", out var commits) && json.TryGetProperty("writes", out var writes)
            ? new StorageCounters(commits.GetInt64(), writes.GetInt64(), json.TryGetProperty("usedBytes", out var used) ? used.GetInt64() : null)
            : null;
    }

    /// <summary>
    /// How long the district officer's wallboard takes to open (its first page and the counts of the whole board), and
    /// the total it reports: the read a duty room makes when its screen starts.
    /// </summary>
    public async Task<(double Milliseconds, int Total)> OpenDistrictWallboardAsync(HttpClient http, string officerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, $"api/wallboards/{GeneratedDistrict.DistrictId}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", officerToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var json = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (elapsed, json.GetProperty("total").GetInt32());
    }

    public string Tail => _process.Tail;

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
