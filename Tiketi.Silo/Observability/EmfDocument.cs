using System.Text;
using System.Text.Json;
using Tiketi.Observability;

namespace Tiketi.Silo.Observability;

/// <summary>
/// One queue-length sample as a CloudWatch Embedded Metric Format document: namespace
/// <see cref="Namespace"/>, metric <see cref="MetricName"/> (unit Count) with two dimension sets, per event
/// (<c>EventId</c>) and none at all. The dimensionless metric is what the scaling alarms watch with the
/// Maximum statistic: the longest queue of any event, however many events are on sale.
/// </summary>
public static class EmfDocument
{
    public const string Namespace = "Tiketi/Queue";
    public const string MetricName = "QueueSize";
    public const string EventIdDimension = "EventId";
    public const string PrewarmMetricName = "PrewarmInstances";

    public static string Format(QueueLengthSample sample, DateTimeOffset timestamp, int storageResolution = 60, string? serviceName = null, string? logGroupName = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return Write(timestamp, storageResolution, logGroupName, MetricName, [[EventIdDimension], []], json =>
        {
            json.WriteString(EventIdDimension, sample.EventId);
            json.WriteNumber(MetricName, sample.Waiting);
            json.WriteNumber("ActiveShoppers", sample.ActiveShoppers);
            json.WriteNumber("AdmittedTotal", sample.AdmittedTotal);
            WriteService(json, serviceName);
        });
    }

    /// <summary>The pre-warm floor (<c>Tiketi/Queue PrewarmInstances</c>, no dimension) that the pre-warm alarms compare with the group size.</summary>
    public static string FormatPrewarm(int instances, DateTimeOffset timestamp, int storageResolution = 60, string? serviceName = null, string? logGroupName = null) =>
        Write(timestamp, storageResolution, logGroupName, PrewarmMetricName, [[]], json =>
        {
            json.WriteNumber(PrewarmMetricName, instances);
            WriteService(json, serviceName);
        });

    private static string Write(
        DateTimeOffset timestamp, int storageResolution, string? logGroupName, string metric, string[][] dimensionSets, Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            if (!string.IsNullOrEmpty(logGroupName))
            {
                // Read by the CloudWatch agent: the log group the line is stored in.
                json.WriteString("LogGroupName", logGroupName);
            }

            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            foreach (var set in dimensionSets)
            {
                json.WriteStartArray();
                foreach (var dimension in set)
                {
                    json.WriteStringValue(dimension);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", metric);
            json.WriteString("Unit", "Count");
            json.WriteNumber("StorageResolution", storageResolution);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            members(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteService(Utf8JsonWriter json, string? serviceName)
    {
        if (!string.IsNullOrEmpty(serviceName))
        {
            json.WriteString("Service", serviceName);
        }
    }
}
