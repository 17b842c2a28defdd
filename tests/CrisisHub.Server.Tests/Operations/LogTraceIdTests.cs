using System.Diagnostics;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>With no tracing configured (the default), a request's log line still carries the trace id it came with.</summary>
[Collection(ServerCollection.Name)]
public sealed class LogTraceIdTests(ServerFixture server)
{
    [Fact]
    public async Task ARequestsLogLineCarriesItsTraceIdEvenWithoutACollector()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var http = new HttpClient { BaseAddress = server.Factory.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/config");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        await Eventually.Async(() => Task.FromResult(server.Factory.Logs.Events), events => events.Any(e => e.Contains("/api/config") && e.Contains($"TraceId={traceId}")));
    }
}
