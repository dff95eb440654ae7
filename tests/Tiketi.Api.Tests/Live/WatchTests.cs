using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Live;
using Tiketi.Orders;

namespace Tiketi.Api.Tests.Live;

/// <summary>A watcher sees every change of the seat map, in order, and catches up after a drop.</summary>
[Collection(ApiCollection.Name)]
public sealed class WatchTests(TiketiApiFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly LiveSale _sale = new(factory.Services.GetRequiredService<IClusterClient>());

    [Fact]
    public async Task WatchEvent_HoldThenRelease_ReceivesEachDeltaInVersionOrder()
    {
        var eventId = await _sale.CreateEventAsync();
        var before = await _sale.SnapshotsAsync(eventId, "B1");
        await using var watcher = await SaleWatcher.ConnectAsync(factory);
        await watcher.WatchAsync(eventId);

        var order = await _sale.HoldAsync(eventId, "buyer-1", "B1", quantity: 2);
        await _sale.CancelAsync(order);

        // Deltas of the event's set-up (version 1 of each block) may still be on their way; they are not ours.
        List<SeatDeltaDto> Ours() => [.. watcher.Deltas.Where(d => d.BlockId == "B1" && d.Version > before["B1"].Version)];
        await Eventually.TrueAsync(() => Ours().Count >= 2, Within, "two deltas");
        var deltas = Ours();
        Assert.All(watcher.Deltas, d => Assert.Equal(eventId, d.EventId));
        Assert.Equal([before["B1"].Version + 1, before["B1"].Version + 2], deltas.Select(d => d.Version));
        Assert.Equal(2, deltas[0].Seats.Count);
        Assert.All(deltas[0].Seats, s => Assert.Equal(1, s.State));
        Assert.Equal(deltas[0].Seats.Select(s => s.Seat), deltas[1].Seats.Select(s => s.Seat));
        Assert.All(deltas[1].Seats, s => Assert.Equal(0, s.State));
        Assert.Equal(2, deltas[0].Counts["std"].Held);
        Assert.Equal(0, deltas[1].Counts["std"].Held);
    }

    [Fact]
    public async Task WatchEvent_ReconnectWhileHostKeepsRelaying_GetsMissedDeltasAndMatchesGrains()
    {
        var eventId = await _sale.CreateEventAsync();
        await using var keeper = await SaleWatcher.ConnectAsync(factory);
        await keeper.WatchAsync(eventId);
        var map = await WatchFromScratchAsync(eventId);

        await ChurnAsync(eventId, "keep");
        var truth = await _sale.SnapshotsAsync(eventId, "B1", "B2");
        await Eventually.TrueAsync(
            () => truth.Values.All(s => keeper.Deltas.Any(d => d.BlockId == s.BlockId && d.Version == s.Version)), Within, "the host relayed the churn");

        await using var back = await SaleWatcher.ConnectAsync(factory, map: map);
        await back.WatchAsync(eventId, map.Versions());

        await AssertMatchesGrainsAsync(eventId, map);
        Assert.Empty(back.Snapshots);
        Assert.NotEmpty(back.Deltas);
    }

    [Fact]
    public async Task WatchEvent_ReconnectAfterHostDroppedTheEvent_GetsSnapshotsAndMatchesGrains()
    {
        var eventId = await _sale.CreateEventAsync();
        var map = await WatchFromScratchAsync(eventId);
        var feeds = factory.Services.GetRequiredService<EventFeeds>();
        await Eventually.TrueAsync(() => !feeds.IsActive(eventId), Within, "the feed dropped");

        await ChurnAsync(eventId, "drop");

        await using var back = await SaleWatcher.ConnectAsync(factory, map: map);
        await back.WatchAsync(eventId, map.Versions());

        await AssertMatchesGrainsAsync(eventId, map);
        Assert.Equal(["B1", "B2"], back.Snapshots.Select(s => s.BlockId).Order());
    }

    /// <summary>Watches with version 0 of every block (so it gets snapshots), sees one hold, then disconnects.</summary>
    private async Task<SeatMapModel> WatchFromScratchAsync(string eventId)
    {
        await using var watcher = await SaleWatcher.ConnectAsync(factory);
        await watcher.WatchAsync(eventId, new Dictionary<string, long> { ["B1"] = 0, ["B2"] = 0 });
        await Eventually.TrueAsync(() => watcher.Snapshots.Count == 2, Within, "two snapshots");
        await _sale.HoldAsync(eventId, "first", "B1");
        await Eventually.TrueAsync(() => !watcher.Deltas.IsEmpty, Within, "the first delta");
        return watcher.Map;
    }

    /// <summary>Holds and releases in both blocks while nobody of the test watches.</summary>
    private async Task ChurnAsync(string eventId, string prefix)
    {
        var orders = new List<OrderView>();
        for (var i = 0; i < 6; i++)
        {
            orders.Add(await _sale.HoldAsync(eventId, $"{prefix}-{i}", i % 2 == 0 ? "B1" : "B2", quantity: 1 + (i % 3)));
        }

        foreach (var order in orders.Where((_, i) => i % 2 == 1))
        {
            await _sale.CancelAsync(order);
        }
    }

    private async Task AssertMatchesGrainsAsync(string eventId, SeatMapModel map)
    {
        var truth = await _sale.SnapshotsAsync(eventId, "B1", "B2");
        await Eventually.TrueAsync(() => truth.Values.All(s => map.Block(s.BlockId)?.Version == s.Version), Within, "caught up");
        Assert.Empty(map.Gaps);
        foreach (var (blockId, snapshot) in truth)
        {
            Assert.Equal(LiveSale.Digits(snapshot), map.Block(blockId)!.Value.Seats);
        }
    }
}
