using System.Diagnostics;
using CrisisHub.Contracts.Cases;
using CrisisHub.Grains.Telemetry;

namespace CrisisHub.Server.Tests.Operations;

/// <summary>
/// A flag's trace runs from the HTTP request through the grain calls to the live push and the text's provider call, and the
/// server's log lines carry the trace id of the request that wrote them.
/// </summary>
public sealed class TracingTests(ObservedServer server) : IClassFixture<ObservedServer>
{
    [Fact]
    public async Task AFlagsTraceRunsFromTheRequestThroughTheGrainsToThePushAndTheTextAndItsLogLinesCarryTheTraceId()
    {
        var teacher = await server.SignInAsync("ts1-g1-c1-teacher");
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/flags")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { studentId = TestSeed.Student(TestSeed.Class, 3), signs = new[] { "SelfHarm" } }),
        };
        request.Headers.Add("Idempotency-Key", "traced-flag-1");
        // As a browser instrumented with OpenTelemetry (or a proxy) would send it.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await teacher.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);

        List<Activity> trace = [];
        await Eventually.Async(() =>
        {
            server.Flush();
            trace = [.. server.Spans.Snapshot().Where(s => s.TraceId == traceId)];
            return Task.FromResult(trace);
            // A span is exported when it ends, and a child ends before its parent: wait for the attempt around the send,
            // not the send alone.
        }, spans => spans.Any(s => s.DisplayName == "sms.send") && spans.Any(s => s.DisplayName == "sms.attempt")
            && spans.Any(s => s.DisplayName == "alert.push"));

        trace.ShouldContain(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        trace.ShouldContain(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal), "grain calls are spans of the same trace");
        trace.ShouldContain(s => s.Source.Name == CrisisHubTracing.SourceName && s.DisplayName == "alert.push");
        trace.ShouldContain(s => s.Source.Name == CrisisHubTracing.SourceName && s.DisplayName == "sms.attempt");
        trace.Where(s => s.DisplayName == "sms.send").ShouldAllBe(s => (string?)s.GetTagItem("crisishub.sms.provider") == "local");
        // No span says whom: not the student, not a phone number (texts' contacts are keyed by number), not a user name
        // (accounts are keyed by it; the session check calls one on every request).
        var said = server.Spans.Snapshot().SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName)).ToList();
        said.Where(v => v.Contains(TestSeed.StudentName) || v.Contains("学生") || v.Contains("ts1-g1-c1-teacher")
            || System.Text.RegularExpressions.Regex.IsMatch(v, @"\+\d{7,}")).Distinct().ShouldBeEmpty();

        server.Logs.Events.ShouldContain(e => e.Contains("/api/flags") && e.Contains($"TraceId={traceId}"), "the request's log line");
    }
}
