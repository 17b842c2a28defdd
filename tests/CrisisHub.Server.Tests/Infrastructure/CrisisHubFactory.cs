using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrisisHub.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (a real port, real WebSockets) over a data folder the test owns. Grain time
/// runs on a fake clock the test advances; everything else (HTTP, SignalR, Orleans membership) on real time.
/// Building a second factory over the same folder and clock is a restart.
/// </summary>
public sealed class CrisisHubFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Test services registered after the server's own (an exporter, a decorator).</param>
    public CrisisHubFactory(string dataFolder, FakeTimeProvider grainClock, LogCollector? logs = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _services = services;
        DataFolder = dataFolder;
        GrainClock = grainClock;
        Logs = logs ?? new LogCollector();
        UseKestrel(0);
    }

    public string DataFolder { get; }
    public FakeTimeProvider GrainClock { get; }
    public LogCollector Logs { get; }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    public static string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crisishub-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsSetup.Configure(json);
        File.WriteAllText(Path.Combine(folder, "seed.json"), JsonSerializer.Serialize(TestSeed.Build(), json));
        return folder;
    }

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("CrisisHub:DataFolder", DataFolder);
        // A folder without seed.json runs as the demo does (demo seed, demo password accepted).
        if (File.Exists(Path.Combine(DataFolder, "seed.json"))) builder.UseSetting("CrisisHub:SeedFile", Path.Combine(DataFolder, "seed.json"));
        builder.UseSetting("CrisisHub:LoginAttemptsPerMinute", "100000");
        builder.UseSetting("Silo:SiloPort", FreePort().ToString());
        builder.UseSetting("Silo:GatewayPort", FreePort().ToString());
        builder.UseSetting("Silo:ClusterId", $"test-{Guid.NewGuid():N}");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Grains, GrainClock);
            services.AddSingleton<ILogEventSink>(Logs);
            _services?.Invoke(services);
        });
    }

    /// <summary>A loopback port nothing listens on (once the probe closes it).</summary>
    public static int FreePort() => CrisisHub.Testing.FreePorts.Next();
}
