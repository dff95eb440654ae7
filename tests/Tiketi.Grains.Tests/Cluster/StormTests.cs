using System.Collections.Concurrent;
using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>Thousands of buyers race for the same seats; nothing may be sold or held twice.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class StormTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Hold_2000BuyersRaceFor500SeatsOfOneBlock_NoSeatHeldTwice()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 20, seatsPerRow: 25));
        var outcome = await StormAsync(eventId, buyers: 2_000, blocks: 1, rows: 20, seatsPerRow: 25, seed: 1);

        await AssertOutcomeMatchesBlocksAsync(eventId, outcome);
        Assert.True(outcome.Values.Sum(o => o.Quantity) <= 500);
        Assert.Contains(outcome.Values, o => o.Quantity > 0);
    }

    [Fact]
    public async Task Hold_5000BuyersRaceFor10000SeatsIn20Blocks_EveryHoldMatchesTheBlocks()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 20, rows: 20, seatsPerRow: 25));
        var outcome = await StormAsync(eventId, buyers: 5_000, blocks: 20, rows: 20, seatsPerRow: 25, seed: 2);

        await AssertOutcomeMatchesBlocksAsync(eventId, outcome);
    }

    /// <summary>Each buyer tries one hold: half pick explicit seats (so they collide), half ask for the best N.</summary>
    private async Task<ConcurrentDictionary<string, OrderView>> StormAsync(string eventId, int buyers, int blocks, int rows, int seatsPerRow, int seed)
    {
        var granted = new ConcurrentDictionary<string, OrderView>();
        var random = new Random(seed);
        var requests = Enumerable.Range(0, buyers).Select(i =>
        {
            var block = $"B{random.Next(1, blocks + 1)}";
            var count = random.Next(1, 5);
            var row = SaleFactory.RowLabel(random.Next(rows));
            var first = random.Next(1, seatsPerRow - count + 2);
            var selection = i % 2 == 0
                ? HoldSelection.Seats([.. Enumerable.Range(first, count).Select(n => $"{row}-{n}")])
                : HoldSelection.Best("std", count);
            return (Buyer: $"buyer{i}", Request: new HoldRequest(block, selection, null));
        }).ToList();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (r, _) =>
        {
            var result = await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, r.Buyer)).HoldAsync(r.Request);
            if (result.IsSuccess)
            {
                Assert.True(granted.TryAdd(result.Value!.OrderId, result.Value));
            }
            else
            {
                Assert.Contains(result.Code, new[] { Reasons.SeatTaken, Reasons.NotEnoughInventory });
            }
        });
        return granted;
    }

    private async Task AssertOutcomeMatchesBlocksAsync(string eventId, ConcurrentDictionary<string, OrderView> granted)
    {
        var blocks = await InventoryAudit.AssertConsistentAsync(fixture.Client, eventId);
        var allocations = blocks.Values.SelectMany(a => a).ToDictionary(a => a.HoldId);

        // Every acknowledged hold is exactly what the block says it holds, and the block holds nothing else.
        Assert.Equal(granted.Count, allocations.Count);
        foreach (var (orderId, order) in granted)
        {
            var allocation = allocations[orderId];
            Assert.Equal(order.BuyerId, allocation.BuyerId);
            Assert.Equal(AllocationStatus.Held, allocation.Status);
            Assert.Equal(order.Lines.Select(l => l.SeatId).Order(), allocation.Items.Select(i => i.SeatId).Order());
        }
    }
}
