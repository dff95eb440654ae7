namespace Tiketi.Observability;

/// <summary>
/// Where the waiting-queue grain sends its length, once per event per period (not once per buyer):
/// the Prometheus gauge and CloudWatch Embedded Metric Format lines are the two implementations.
/// A host registers any number of them; the grain calls each.
/// </summary>
public interface IQueueMetricsPublisher
{
    /// <summary>The queue's figures now. Called on a grain timer; must be quick and must not throw.</summary>
    void Publish(QueueLengthSample sample);

    /// <summary>The queue's grain left this silo (deactivated or moved): stop reporting a stale value for it here.</summary>
    void Retire(string eventId);
}

/// <summary>One reading of an event's queue.</summary>
/// <param name="Waiting">Buyers waiting to be admitted: the autoscaling signal.</param>
/// <param name="ActiveShoppers">Admitted buyers currently holding a shopping slot.</param>
/// <param name="AdmittedTotal">Buyers admitted since the queue began.</param>
public sealed record QueueLengthSample(string EventId, long Waiting, int ActiveShoppers, long AdmittedTotal);
