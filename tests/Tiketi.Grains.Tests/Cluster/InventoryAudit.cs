using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>Reads every block of an event and checks the invariants a sale must never break.</summary>
public static class InventoryAudit
{
    public static async Task<Dictionary<string, List<AllocationView>>> AssertConsistentAsync(IClusterClient client, string eventId)
    {
        var info = await client.GetGrain<IEventGrain>(eventId).GetAsync();
        Assert.NotNull(info);
        var byBlock = new Dictionary<string, List<AllocationView>>();
        foreach (var block in info.Definition.Blocks)
        {
            var grain = client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, block.Id));
            var snapshot = await grain.GetSnapshotAsync();
            var allocations = await grain.GetAllocationsAsync();
            byBlock[block.Id] = [.. allocations];

            // No seat in two allocations, and every allocated seat shows the allocation's status.
            var seatOwners = allocations.SelectMany(a => a.Items.Where(i => i.SeatId is not null).Select(i => (i.SeatId!, a))).ToList();
            Assert.Equal(seatOwners.Count, seatOwners.Select(s => s.Item1).Distinct().Count());

            var counts = snapshot.Counts.Values.Aggregate(InventoryCounts.Zero, (a, b) => a.Add(b));
            Assert.Equal(block.Capacity, counts.Capacity);
            Assert.Equal(allocations.Where(a => a.Status == AllocationStatus.Held).Sum(a => a.Items.Sum(i => i.Quantity)), counts.Held);
            Assert.Equal(allocations.Where(a => a.Status == AllocationStatus.Sold).Sum(a => a.Items.Sum(i => i.Quantity)), counts.Sold);
            if (block.Kind == BlockKind.Reserved)
            {
                Assert.Equal(counts.Held, snapshot.Seats.Count(s => s == (byte)SeatStatus.Held));
                Assert.Equal(counts.Sold, snapshot.Seats.Count(s => s == (byte)SeatStatus.Sold));
            }
        }

        return byBlock;
    }
}
