using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tiketi.Observability;
using Tiketi.Silo.Observability;

namespace Tiketi.Observability.Tests;

[Collection(ObservabilityCollection.Name)]
public sealed class EmfTests(ObservabilityFactory factory)
{
    [Fact]
    public async Task QueueGrain_WritesOneSpecCompliantEmfLinePerPeriod_WithItsLength()
    {
        var rush = new SmallRush(factory);
        await rush.CreateEventAsync();
        await rush.JoinAndAdmitAsync();
        await Task.Delay(ObservabilityFactory.PublishInterval * 6);

        var lines = await Eventually4LinesAsync(rush.EventId);
        var documents = lines.Select(EmfValidator.Validate).ToList();
        foreach (var document in documents)
        {
            var directive = document.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
            Assert.Equal("Tiketi/Queue", directive.GetProperty("Namespace").GetString());
            Assert.Equal("""[["EventId"],[]]""", directive.GetProperty("Dimensions").GetRawText());
            Assert.Equal("QueueSize", directive.GetProperty("Metrics")[0].GetProperty("Name").GetString());
            Assert.Equal("Count", directive.GetProperty("Metrics")[0].GetProperty("Unit").GetString());
        }

        // The last lines carry the queue as it is now: 10 joined, 6 admitted.
        Assert.Equal(4, documents[^1].GetProperty("QueueSize").GetInt64());
        Assert.Equal(6, documents[^1].GetProperty("ActiveShoppers").GetInt32());

        // One line per period for the event, not one per buyer or per call.
        var stamps = documents.Select(d => d.GetProperty("_aws").GetProperty("Timestamp").GetInt64()).ToList();
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 100, $"lines {pair.Second - pair.First} ms apart"));
    }

    [Fact]
    public void EmfDocument_Sample_FollowsSpecification()
    {
        var line = EmfDocument.Format(new QueueLengthSample("demo-rush", 12_345, 200, 5_000), DateTimeOffset.UtcNow, 1, "silo-a", "/tiketi/queue-metrics");

        var root = EmfValidator.Validate(line);

        Assert.Equal("demo-rush", root.GetProperty("EventId").GetString());
        Assert.Equal(12_345, root.GetProperty("QueueSize").GetInt64());
        Assert.Equal(1, root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("StorageResolution").GetInt32());
        Assert.Equal("silo-a", root.GetProperty("Service").GetString());
    }

    [Fact]
    public void EmfValidator_RejectsDocumentsOutsideTheSpecification()
    {
        var valid = EmfDocument.Format(new QueueLengthSample("e1", 1, 0, 0), DateTimeOffset.UtcNow);
        Assert.ThrowsAny<Exception>(() => EmfValidator.Validate(valid.Replace("\"EventId\":\"e1\",", "", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => EmfValidator.Validate(valid.Replace("\"Unit\":\"Count\"", "\"Unit\":\"Buyers\"", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => EmfValidator.Validate(valid.Replace("\"QueueSize\":1", "\"QueueSize\":\"1\"", StringComparison.Ordinal)));
        Assert.ThrowsAny<Exception>(() => EmfValidator.Validate(valid + " trailing"));
    }

    [Fact]
    public void EmfPublisher_UdpTarget_SendsLinesToTheAgentEndpoint()
    {
        using var agent = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)agent.Client.LocalEndPoint!).Port;
        using var publisher = new EmfQueueMetricsPublisher(
            Options.Create(new EmfOptions { Enabled = true, Target = $"udp://127.0.0.1:{port}" }), NullLogger<EmfQueueMetricsPublisher>.Instance);

        publisher.Publish(new QueueLengthSample("udp-event", 42, 1, 2));

        agent.Client.ReceiveTimeout = 5_000;
        System.Net.IPEndPoint? from = null;
        var received = System.Text.Encoding.UTF8.GetString(agent.Receive(ref from)).TrimEnd('\n');
        Assert.Equal(42, EmfValidator.Validate(received).GetProperty("QueueSize").GetInt64());
    }

    private async Task<List<string>> Eventually4LinesAsync(string eventId)
    {
        List<string> lines = [];
        await Eventually.TrueAsync(
            () =>
            {
                lines = File.Exists(factory.EmfFile)
                    ? [.. File.ReadAllLines(factory.EmfFile).Where(l => l.EndsWith('}') && l.Contains($"\"EventId\":\"{eventId}\"", StringComparison.Ordinal))]
                    : [];
                return Task.FromResult(lines.Count >= 3 && JsonDocument.Parse(lines[^1]).RootElement.GetProperty("QueueSize").GetInt64() == 4);
            },
            "EMF lines with the queue length");
        return lines;
    }
}
