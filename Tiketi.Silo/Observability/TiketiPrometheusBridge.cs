using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Prometheus;
using Tiketi.Observability;

namespace Tiketi.Silo.Observability;

/// <summary>
/// Exports the business meter (<see cref="TiketiMetrics"/>) to Prometheus with the names, types, labels
/// and buckets of <see cref="TiketiMetrics.Definitions"/>. prometheus-net's generic MeterAdapter would
/// publish counters as gauges that vanish after five quiet minutes; a sales counter must stay a counter
/// so that <c>rate()</c> and alerts work. Every other meter (Orleans, ASP.NET Core, the runtime) goes
/// through the MeterAdapter as usual. It listens to this host's meter instance only.
/// </summary>
public sealed class TiketiPrometheusBridge : IHostedService, IDisposable
{
    private readonly TiketiMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, Exporter> _exporters = new(StringComparer.Ordinal);

    public TiketiPrometheusBridge(TiketiMetrics metrics, CollectorRegistry? registry = null)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        foreach (var definition in TiketiMetrics.Definitions.Where(d => d.FromMeter))
        {
            _exporters[definition.Name] = Exporter.Create(factory, definition);
        }

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && _exporters.ContainsKey(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_exporters.TryGetValue(instrument.Name, out var exporter))
        {
            return;
        }

        var labels = exporter.Definition.Labels;
        var values = new string[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            values[i] = "";
            foreach (var tag in tags)
            {
                if (tag.Key == labels[i])
                {
                    values[i] = tag.Value?.ToString() ?? "";
                    break;
                }
            }
        }

        exporter.Record(values, value);
    }

    private sealed record Exporter(MetricDefinition Definition, Counter? Counter, Gauge? Gauge, Histogram? Histogram)
    {
        public static Exporter Create(MetricFactory factory, MetricDefinition definition)
        {
            var labels = definition.Labels.ToArray();
            return definition.Kind switch
            {
                MetricKind.Counter => new(definition, factory.CreateCounter(definition.Name, definition.Help, labels), null, null),
                MetricKind.Gauge => new(definition, null, factory.CreateGauge(definition.Name, definition.Help, labels), null),
                _ => new(definition, null, null, factory.CreateHistogram(definition.Name, definition.Help, labels,
                    new HistogramConfiguration { Buckets = [.. definition.Buckets ?? []] })),
            };
        }

        public void Record(string[] labels, double value)
        {
            if (Counter is not null)
            {
                Counter.WithLabels(labels).Inc(Math.Max(value, 0));
            }
            else if (Gauge is not null)
            {
                // Up-down counters report changes, so the gauge moves by the measurement.
                Gauge.WithLabels(labels).Inc(value);
            }
            else
            {
                Histogram!.WithLabels(labels).Observe(value);
            }
        }
    }
}
