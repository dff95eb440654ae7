using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tiketi.Observability;

/// <summary>
/// What the waiting-queue grain needs for observability in one dependency: the admission counter and
/// the queue-length publishers with their period. A failing publisher is logged and skipped, never
/// allowed to disturb the queue.
/// </summary>
public sealed partial class QueueTelemetry(
    TiketiMetrics metrics,
    IEnumerable<IQueueMetricsPublisher> publishers,
    IOptions<QueueMetricsOptions> options,
    ILogger<QueueTelemetry> logger)
{
    private readonly IQueueMetricsPublisher[] _publishers = [.. publishers];

    public TimeSpan PublishInterval => options.Value.PublishInterval;

    public void Admitted(string eventId, int count) => metrics.QueueAdmitted(eventId, count);

    public void Publish(QueueLengthSample sample)
    {
        foreach (var publisher in _publishers)
        {
            try
            {
                publisher.Publish(sample);
            }
            catch (Exception exception)
            {
                LogPublishFailed(logger, exception, publisher.GetType().Name, sample.EventId);
            }
        }
    }

    public void Retire(string eventId)
    {
        foreach (var publisher in _publishers)
        {
            try
            {
                publisher.Retire(eventId);
            }
            catch (Exception exception)
            {
                LogPublishFailed(logger, exception, publisher.GetType().Name, eventId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue metrics publisher {Publisher} failed for {EventId}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string publisher, string eventId);
}
