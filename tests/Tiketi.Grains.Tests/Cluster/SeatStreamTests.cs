using System.Collections.Concurrent;
using Orleans.Streams;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>A watcher of the event stream can rebuild the seat map from snapshot plus deltas.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class SeatStreamTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Subscribe_ManySeatChanges_SeesEveryDeltaInVersionOrderAndRebuildsMap()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 2, rows: 4, seatsPerRow: 10));
        var blocks = new[] { "B1", "B2" };
        var start = new Dictionary<string, SeatMapSnapshot>();
        foreach (var b in blocks)
        {
            start[b] = await fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b)).GetSnapshotAsync();
        }

        var received = new ConcurrentQueue<SeatDelta>();
        var stream = fixture.Client.GetStreamProvider(SaleStreams.Provider).GetStream<SeatDelta>(StreamId.Create(SaleStreams.Seats, eventId));
        var handle = await stream.SubscribeAsync((delta, _) => { received.Enqueue(delta); return Task.CompletedTask; });

        var orders = new List<OrderView>();
        for (var i = 0; i < 20; i++)
        {
            var held = await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, $"w{i}"))
                .HoldAsync(new HoldRequest(blocks[i % 2], HoldSelection.Best("std", 2), null));
            orders.Add(held.Value!);
        }

        foreach (var order in orders.Where((_, i) => i % 3 == 0))
        {
            await fixture.Client.GetGrain<IOrderGrain>(order.OrderId).CancelAsync(order.BuyerId);
        }

        foreach (var order in orders.Where((_, i) => i % 3 == 1))
        {
            await fixture.Client.GetGrain<IOrderGrain>(order.OrderId).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k", "4242424242424242"));
        }

        var finals = new Dictionary<string, SeatMapSnapshot>();
        foreach (var b in blocks)
        {
            finals[b] = await fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, b)).GetSnapshotAsync();
        }

        await Eventually.TrueAsync(() => Task.FromResult(blocks.All(b => received.Where(d => d.BlockId == b).Select(d => d.Version).DefaultIfEmpty().Max() == finals[b].Version)), TimeSpan.FromSeconds(5));
        await handle.UnsubscribeAsync();

        foreach (var b in blocks)
        {
            // Deltas published before the snapshot can still be in flight; a watcher skips what the snapshot covers.
            var deltas = received.Where(d => d.BlockId == b && d.Version > start[b].Version).ToList();
            Assert.Equal(Enumerable.Range((int)start[b].Version + 1, deltas.Count).Select(v => (long)v), deltas.Select(d => d.Version));
            var map = start[b].Seats.ToArray();
            foreach (var change in deltas.SelectMany(d => d.Seats))
            {
                map[change.Seat] = (byte)change.State;
            }

            Assert.Equal(finals[b].Seats, map);
        }
    }
}
