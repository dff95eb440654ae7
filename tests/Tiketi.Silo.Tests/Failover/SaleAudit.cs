using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>One block as the audit read it: its seat map and who holds or bought what.</summary>
internal sealed record BlockView(BlockDefinition Block, SeatMapSnapshot Snapshot, ImmutableArray<AllocationView> Allocations);

/// <summary>Creates sales in a process cluster and checks the invariants a sale must never break, through grains.</summary>
internal static class SaleAudit
{
    public const string Category = "std";

    /// <summary>An event of reserved blocks of rows × seats in one category, on sale from a minute ago.</summary>
    public static EventDefinition Event(int blocks, int rows, int seatsPerRow, TimeSpan hold, bool queue)
    {
        var now = DateTimeOffset.UtcNow;
        ImmutableArray<BlockDefinition> list = [.. Enumerable.Range(1, blocks).Select(b => BlockDefinition.Reserved(
            $"B{b}", $"Block {b}", [.. Enumerable.Range(0, rows).Select(r => RowDefinition.Of(((char)('A' + r)).ToString(), seatsPerRow, Category))]))];
        return new EventDefinition(
            "Failover concert", "The Killed Silos", "Loopback Hall", now.AddDays(30), now.AddMinutes(-1), now.AddDays(29),
            [new PriceCategory(Category, "Standard", 99_000)], list, PerBuyerLimit: 4, HoldDuration: hold, QueueEnabled: queue);
    }

    public static async Task<string> CreateOnSaleAsync(IClusterClient client, EventDefinition definition, string? eventId = null)
    {
        eventId ??= $"ev-{Guid.NewGuid():N}"[..16];
        var grain = client.GetGrain<IEventGrain>(eventId);
        var defined = await grain.DefineAsync(definition);
        Assert.True(defined.IsSuccess, defined.Message);
        var opened = await grain.OpenSaleAsync();
        Assert.True(opened.IsSuccess, opened.Message);
        return eventId;
    }

    /// <summary>
    /// Reads every block and asserts: no seat in two allocations, every allocated seat shows its
    /// allocation's status, counts add up to the capacity and agree with the allocations and the seat map.
    /// </summary>
    public static async Task<Dictionary<string, BlockView>> AssertConsistentAsync(IClusterClient client, string eventId)
    {
        var info = await Resilient.CallAsync(() => client.GetGrain<IEventGrain>(eventId).GetAsync());
        Assert.NotNull(info);
        var views = new Dictionary<string, BlockView>(StringComparer.Ordinal);
        foreach (var block in info.Definition.Blocks)
        {
            var grain = client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, block.Id));
            var snapshot = await Resilient.CallAsync(grain.GetSnapshotAsync);
            var allocations = await Resilient.CallAsync(grain.GetAllocationsAsync);
            views[block.Id] = new BlockView(block, snapshot, allocations);

            var seatOwners = allocations.SelectMany(a => a.Items.Select(i => (Seat: i.SeatId!, Allocation: a))).ToList();
            Assert.All(seatOwners, s => Assert.NotNull(s.Seat));
            Assert.Equal(seatOwners.Count, seatOwners.Select(s => s.Seat).Distinct(StringComparer.Ordinal).Count());

            var seatIds = SeatIds(block);
            foreach (var (seat, allocation) in seatOwners)
            {
                var expected = allocation.Status == AllocationStatus.Sold ? SeatStatus.Sold : SeatStatus.Held;
                Assert.Equal((byte)expected, snapshot.Seats[seatIds.IndexOf(seat)]);
            }

            var counts = Total(snapshot.Counts);
            Assert.Equal(block.Capacity, counts.Capacity);
            Assert.Equal(allocations.Where(a => a.Status == AllocationStatus.Held).Sum(a => a.Items.Length), counts.Held);
            Assert.Equal(allocations.Where(a => a.Status == AllocationStatus.Sold).Sum(a => a.Items.Length), counts.Sold);
            Assert.Equal(counts.Held, snapshot.Seats.Count(s => s == (byte)SeatStatus.Held));
            Assert.Equal(counts.Sold, snapshot.Seats.Count(s => s == (byte)SeatStatus.Sold));
        }

        return views;
    }

    /// <summary>The event's live summary catches up with what its blocks say (block reports are one-way and periodic).</summary>
    public static async Task AssertSummaryMatchesBlocksAsync(IClusterClient client, string eventId, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var blocks = await AssertConsistentAsync(client, eventId);
            var summary = await Resilient.CallAsync(() => client.GetGrain<IEventGrain>(eventId).GetSummaryAsync());
            Assert.NotNull(summary);
            var expected = blocks.Values.Aggregate(InventoryCounts.Zero, (sum, b) => sum.Add(Total(b.Snapshot.Counts)));
            var byBlockMatches = blocks.All(b => summary.ByBlock.TryGetValue(b.Key, out var c) && c == Total(b.Value.Snapshot.Counts));
            if (summary.Total == expected && byBlockMatches)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The summary {summary.Total} did not match the blocks {expected} within {within}.");
            await Task.Delay(200);
        }
    }

    public static InventoryCounts Total(ImmutableDictionary<string, InventoryCounts> counts) =>
        counts.Values.Aggregate(InventoryCounts.Zero, (a, b) => a.Add(b));

    // Seat ids in seat-map order: rows nearest the stage first, seats 1..n ("A-1").
    private static List<string> SeatIds(BlockDefinition block) =>
        [.. block.Rows.SelectMany(r => Enumerable.Range(1, r.SeatCount).Select(n => $"{r.Label}-{n}"))];
}
