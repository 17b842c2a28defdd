using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CrisisHub.Server.Tests.Infrastructure;

/// <summary>Every Serilog event the server writes, rendered with all its properties and exception text.</summary>
public sealed class LogCollector : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();

    public void Emit(LogEvent logEvent)
    {
        var text = string.Join(" | ",
            new[] { logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), logEvent.Exception?.ToString() ?? "" }
                .Concat(logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))
                .Append($"TraceId={logEvent.TraceId}"));
        _events.Enqueue(text);
    }

    public IReadOnlyList<string> Events => [.. _events];
}
