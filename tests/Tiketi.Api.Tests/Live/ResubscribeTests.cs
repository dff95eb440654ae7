using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Tiketi.Api.Live;
using Tiketi.Common;
using Tiketi.Seating;

namespace Tiketi.Api.Tests.Live;

/// <summary>When the cluster connection comes back the host renews its subscriptions and refreshes its watchers.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResubscribeTests(TiketiApiFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly IClusterClient _client = factory.Services.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task ConnectionRecovered_WatchedEvent_ResubscribedOnceAndWatchersGetSnapshots()
    {
        var sale = new LiveSale(_client);
        var eventId = await sale.CreateEventAsync();
        await using var watcher = await SaleWatcher.ConnectAsync(factory);
        await watcher.WatchAsync(eventId);
        var observer = factory.Services.GetServices<IClusterConnectionStatusObserver>().OfType<ClusterConnectionObserver>().Single();

        observer.NotifyClusterConnectionLost();
        observer.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);

        await Eventually.TrueAsync(() => watcher.Snapshots.Select(s => s.BlockId).Distinct().Count() == 2, Within, "a snapshot of each block");
        var stream = _client.GetStreamProvider(SaleStreams.Provider).GetStream<SeatDelta>(StreamId.Create(SaleStreams.Seats, eventId));
        Assert.Single(await stream.GetAllSubscriptionHandles());

        await sale.HoldAsync(eventId, "after", "B2");
        await Eventually.TrueAsync(() => watcher.Deltas.Any(d => d.BlockId == "B2"), Within, "a delta after the renewal");
        var truth = await sale.SnapshotsAsync(eventId, "B2");
        await Eventually.TrueAsync(() => watcher.Map.Block("B2")?.Version == truth["B2"].Version, Within, "caught up");
        Assert.Equal(LiveSale.Digits(truth["B2"]), watcher.Map.Block("B2")!.Value.Seats);
        Assert.Empty(watcher.Map.Gaps);
    }
}
