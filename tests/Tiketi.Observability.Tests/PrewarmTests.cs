using System.Text.Json;
using Tiketi.Events;
using Tiketi.Observability;
using Tiketi.Scaling;

namespace Tiketi.Observability.Tests;

[Collection(ObservabilityCollection.Name)]
public sealed class PrewarmTests(ObservabilityFactory factory)
{
    [Fact]
    public async Task SaleOpeningSoon_PublishesThePrewarmFloorForItsExpectedCrowd()
    {
        // 10 areas of 5,000 places × 6 expected buyers a place = 300,000 buyers: the policy asks for 10 instances.
        var now = factory.Clock.GetUtcNow();
        var areas = Enumerable.Range(1, 10).Select(i => BlockDefinition.GeneralAdmission($"F{i}", $"Floor {i}", new AreaCapacity("ga", 5_000))).ToList();
        var definition = new EventDefinition(
            "Big opening", "Big artist", "Stadium", now.AddDays(30), now.AddMinutes(10), now.AddDays(29),
            [new PriceCategory("ga", "Standing", 99_000)], [.. areas], PerBuyerLimit: 4, HoldDuration: TimeSpan.FromMinutes(7), QueueEnabled: true);
        var grain = factory.Cluster.GetGrain<IEventGrain>($"prewarm-{Guid.NewGuid():N}"[..24]);
        Assert.True((await grain.DefineAsync(definition)).IsSuccess);
        Assert.True((await grain.OpenSaleAsync()).IsSuccess);
        var expected = QueueScalingPolicy.Default.PrewarmInstances(300_000);
        Assert.Equal(10, expected);

        await Eventually.TrueAsync(
            async () => new PrometheusText(await factory.ScrapeAsync()).Value(TiketiMetrics.PrewarmInstancesName) == expected,
            "the pre-warm gauge at 10");
        await Eventually.TrueAsync(
            () => Task.FromResult(File.ReadAllLines(factory.EmfFile)
                .Where(l => l.EndsWith('}') && l.Contains("\"PrewarmInstances\"", StringComparison.Ordinal))
                .Select(EmfValidator.Validate)
                .Any(d => d.GetProperty("PrewarmInstances").GetInt32() == expected
                    && d.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions").GetRawText() == "[[]]")),
            "an EMF line with the pre-warm floor");
    }
}
