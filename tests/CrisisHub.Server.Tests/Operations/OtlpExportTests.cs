using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CrisisHub.Contracts.Cases;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>With an OTLP endpoint configured, metrics and traces are pushed there (OTLP over HTTP, protobuf), named by service.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task MetricsAndTracesArePushedToTheConfiguredCollector()
    {
        using var collector = new FakeCollector();
        await using var factory = new CrisisHubFactory(CrisisHubFactory.NewDataFolder(), CrisisHubFactory.NewClock(), settings: new Dictionary<string, string>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Address,
            ["Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Telemetry:ServiceName"] = "crisishub-otlp-test",
        });
        var teacher = await ApiClient.SignInAsync(factory, "ts1-g1-c1-teacher");
        (await teacher.FlagAsync(TestSeed.Student(TestSeed.Class, 4), "otlp-flag-1", ObservedSign.SelfHarm)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // (The meter provider's Prometheus reader is pulled by scrapes and answers a flush with false; the OTLP reader pushes.)
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();

        var metrics = collector.Received("/v1/metrics");
        metrics.ShouldNotBeEmpty();
        metrics.ShouldContain(b => b.Contains("crisishub-otlp-test") && b.Contains("crisishub.flags.received"));
        collector.Received("/v1/traces").ShouldContain(b => b.Contains("crisishub-otlp-test") && b.Contains("alert.push"));
        collector.ContentTypes.ShouldAllBe(t => t == "application/x-protobuf");
    }

    /// <summary>An OTLP/HTTP receiver on loopback that keeps each request body (protobuf, read as Latin-1 to find strings in it).</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

        public FakeCollector()
        {
            Address = $"http://127.0.0.1:{CrisisHubFactory.FreePort()}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Address { get; }
        public ConcurrentBag<string> ContentTypes { get; } = [];

        public List<string> Received(string path) => [.. _requests.Where(r => r.Path == path).Select(r => r.Body)];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                ContentTypes.Add(context.Request.ContentType ?? "");
                _requests.Enqueue((context.Request.Url!.AbsolutePath, Encoding.Latin1.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
