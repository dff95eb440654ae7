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

    public static string Format(QueueLengthSample sample, DateTimeOffset timestamp, int storageResolution = 60, string? serviceName = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(EventIdDimension);
            json.WriteEndArray();
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", MetricName);
            json.WriteString("Unit", "Count");
            json.WriteNumber("StorageResolution", storageResolution);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(EventIdDimension, sample.EventId);
            json.WriteNumber(MetricName, sample.Waiting);
            json.WriteNumber("ActiveShoppers", sample.ActiveShoppers);
            json.WriteNumber("AdmittedTotal", sample.AdmittedTotal);
            if (!string.IsNullOrEmpty(serviceName))
            {
                json.WriteString("Service", serviceName);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
