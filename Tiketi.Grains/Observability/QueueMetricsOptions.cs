using System.ComponentModel.DataAnnotations;

namespace Tiketi.Observability;

/// <summary>How often each waiting queue publishes its length, bound from the "QueueMetrics" section.</summary>
public sealed class QueueMetricsOptions
{
    public const string Section = "QueueMetrics";

    /// <summary>The period of the queue-length publication (one sample per event per period).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(10);
}
