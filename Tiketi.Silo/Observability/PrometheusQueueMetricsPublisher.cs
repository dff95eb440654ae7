using Prometheus;
using Tiketi.Observability;

namespace Tiketi.Silo.Observability;

/// <summary>
/// <c>tiketi_queue_size{event_id}</c>: the gauge is set by the silo where the event's queue grain lives,
/// and its series is removed when the grain leaves, so summing over silos never counts a queue twice.
/// </summary>
public sealed class PrometheusQueueMetricsPublisher(CollectorRegistry? registry = null) : IQueueMetricsPublisher
{
    private readonly Gauge _queueSize = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry).CreateGauge(
        TiketiMetrics.QueueSizeName,
        TiketiMetrics.Definitions.First(d => d.Name == TiketiMetrics.QueueSizeName).Help,
        "event_id");

    public void Publish(QueueLengthSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _queueSize.WithLabels(sample.EventId).Set(sample.Waiting);
    }

    public void Retire(string eventId) => _queueSize.RemoveLabelled(eventId);
}
