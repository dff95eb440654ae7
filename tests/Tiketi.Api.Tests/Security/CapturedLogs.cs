using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Tiketi.Api.Tests.Security;

/// <summary>Every log event of a host (Serilog picks up sinks registered as services), for tests that check what was logged.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The events with this event id.</summary>
    public IReadOnlyList<LogEvent> WithId(int eventId) =>
        [.. _events.Where(e => e.Properties.TryGetValue("EventId", out var id) && id is StructureValue s
            && s.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int value } && value == eventId)];

    /// <summary>The events with this id whose property <paramref name="name"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<LogEvent> WithId(int eventId, string name, string value) =>
        [.. WithId(eventId).Where(e => Property(e, name) == value)];

    public static string? Property(LogEvent logEvent, string name) =>
        logEvent?.Properties.TryGetValue(name, out var value) == true ? (value as ScalarValue)?.Value?.ToString() : null;

    /// <summary>Every rendered message, for failure output.</summary>
    public string Dump() => string.Join("\n", _events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).TakeLast(40));

    /// <summary>The events of a source (its logger's category), with their properties, for failure output.</summary>
    public string Dump(string sourceContext) => string.Join("\n", _events
        .Where(e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains(sourceContext, StringComparison.Ordinal))
        .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + string.Join(";", e.Properties.Select(p => $"{p.Key}={p.Value}"))));
}
