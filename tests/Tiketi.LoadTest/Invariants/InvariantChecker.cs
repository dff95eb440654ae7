using Tiketi.LoadTest.Reporting;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Invariants;

/// <summary>
/// The promises of a sale, checked on its final state: no seat sold (or held) twice; the seats the
/// blocks say are sold are exactly the tickets of paid orders; no buyer above the per-buyer limit; no
/// hold alive past its expiry (beyond <paramref name="grace"/>, the sweep's period); and every
/// checkout the tool was told succeeded is a paid order still.
/// </summary>
public static class InvariantChecker
{
    public static InvariantReport Check(SaleFinalState state, IReadOnlyCollection<string> acknowledgedPaid, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(acknowledgedPaid);
        var violations = new List<string>();
        long seatsSold = 0, unitsSold = 0, unitsHeld = 0;
        var soldAllocations = new Dictionary<string, AllocationView>(StringComparer.Ordinal);
        foreach (var block in state.Blocks)
        {
            CheckBlock(block, violations);
            foreach (var a in block.Allocations)
            {
                var units = a.Items.Sum(i => i.Quantity);
                if (a.Status == AllocationStatus.Sold)
                {
                    soldAllocations[a.HoldId] = a;
                    unitsSold += units;
                    seatsSold += a.Items.Count(i => i.SeatId is not null);
                }
                else
                {
                    unitsHeld += units;
                    if (a.ExpiresAt + grace < state.ReadAt)
                    {
                        violations.Add($"hold {a.HoldId} in block {block.BlockId} outlived its expiry: expired {a.ExpiresAt:O}, still held at {state.ReadAt:O}");
                    }
                }
            }
        }

        var paid = state.Orders.Where(o => o.Status == OrderStatus.Paid).ToList();
        var ticketsInPaid = paid.Sum(o => (long)o.Quantity);
        if (ticketsInPaid != unitsSold)
        {
            violations.Add($"seats sold ({unitsSold}) differ from tickets in paid orders ({ticketsInPaid})");
        }

        foreach (var order in paid)
        {
            if (!soldAllocations.TryGetValue(order.OrderId, out var allocation))
            {
                violations.Add($"paid order {order.OrderId} of buyer {order.BuyerId} has no sold seats in block {order.BlockId}");
            }
            else if (!SameSeats(order, allocation))
            {
                violations.Add($"paid order {order.OrderId} lists other seats than block {order.BlockId} sold it");
            }
            else if (order.Tickets.Length != order.Quantity)
            {
                violations.Add($"paid order {order.OrderId} has {order.Tickets.Length} tickets for {order.Quantity} seats");
            }
        }

        var paidIds = paid.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);
        foreach (var soldId in soldAllocations.Keys.Where(id => !paidIds.Contains(id)))
        {
            violations.Add($"block sold hold {soldId} but its order is not paid");
        }

        foreach (var lost in acknowledgedPaid.Where(id => !paidIds.Contains(id)))
        {
            violations.Add($"order {lost} was confirmed paid to its buyer but is not paid now (lost confirmed order)");
        }

        foreach (var order in state.Orders.Where(o => o.Status == OrderStatus.Held && o.HoldExpiresAt + grace < state.ReadAt))
        {
            violations.Add($"order {order.OrderId} is still a hold {state.ReadAt - order.HoldExpiresAt:c} after its expiry");
        }

        var byBuyer = state.Orders
            .Where(o => o.Status == OrderStatus.Paid || (o.Status == OrderStatus.Held && o.HoldExpiresAt > state.ReadAt))
            .GroupBy(o => o.BuyerId, StringComparer.Ordinal)
            .Select(g => (Buyer: g.Key, Tickets: g.Sum(o => o.Quantity)))
            .ToList();
        foreach (var (buyer, tickets) in byBuyer.Where(b => b.Tickets > state.PerBuyerLimit))
        {
            violations.Add($"buyer {buyer} has {tickets} tickets, above the limit of {state.PerBuyerLimit}");
        }

        var figures = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["seatsSold"] = seatsSold,
            ["unitsSold"] = unitsSold,
            ["unitsHeld"] = unitsHeld,
            ["ticketsInPaidOrders"] = ticketsInPaid,
            ["paidOrders"] = paid.Count,
            ["ordersRead"] = state.Orders.Count,
            ["buyersWithTickets"] = byBuyer.Count,
            ["maxTicketsPerBuyer"] = byBuyer.Count == 0 ? 0 : byBuyer.Max(b => b.Tickets),
            ["capacity"] = state.Blocks.Sum(b => (long)b.Capacity),
        };
        return new InvariantReport(true, violations, figures);
    }

    private static void CheckBlock(BlockFinalState block, List<string> violations)
    {
        var owners = new Dictionary<string, AllocationView>(StringComparer.Ordinal);
        foreach (var allocation in block.Allocations)
        {
            foreach (var seat in allocation.Items.Where(i => i.SeatId is not null).Select(i => i.SeatId!))
            {
                if (owners.TryGetValue(seat, out var other))
                {
                    var what = other.Status == AllocationStatus.Sold && allocation.Status == AllocationStatus.Sold ? "sold twice" : "allocated twice";
                    violations.Add($"seat {seat} of block {block.BlockId} {what}: holds {other.HoldId} ({other.BuyerId}) and {allocation.HoldId} ({allocation.BuyerId})");
                }
                else
                {
                    owners[seat] = allocation;
                }
            }
        }

        var counts = block.Snapshot.Counts.Values.Aggregate(Tiketi.Events.InventoryCounts.Zero, (a, b) => a.Add(b));
        var held = block.Allocations.Where(a => a.Status == AllocationStatus.Held).Sum(a => a.Items.Sum(i => i.Quantity));
        var sold = block.Allocations.Where(a => a.Status == AllocationStatus.Sold).Sum(a => a.Items.Sum(i => i.Quantity));
        if (counts.Capacity != block.Capacity)
        {
            violations.Add($"block {block.BlockId} counts {counts.Capacity} places, its layout {block.Capacity}");
        }

        if (counts.Sold != sold || counts.Held != held)
        {
            violations.Add($"block {block.BlockId} counts {counts.Sold} sold / {counts.Held} held, its allocations {sold} / {held}");
        }

        if (!block.Snapshot.Seats.IsDefaultOrEmpty)
        {
            var mapSold = block.Snapshot.Seats.Count(s => s == (byte)SeatStatus.Sold);
            var mapHeld = block.Snapshot.Seats.Count(s => s == (byte)SeatStatus.Held);
            if (mapSold != sold || mapHeld != held)
            {
                violations.Add($"block {block.BlockId} seat map shows {mapSold} sold / {mapHeld} held, its allocations {sold} / {held}");
            }
        }
    }

    private static bool SameSeats(OrderView order, AllocationView allocation) =>
        order.Lines.Where(l => l.SeatId is not null).Select(l => l.SeatId!).Order(StringComparer.Ordinal)
            .SequenceEqual(allocation.Items.Where(i => i.SeatId is not null).Select(i => i.SeatId!).Order(StringComparer.Ordinal))
        && order.Quantity == allocation.Items.Sum(i => i.Quantity);
}
