using System.Collections.Immutable;
using Tiketi.Events;
using Tiketi.LoadTest.Invariants;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.LoadTest.Tests;

/// <summary>Hand-made final states of a one-block sale (row A, seats 1-10), consistent unless a test breaks them.</summary>
public static class SaleStates
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Buyer x paid A-1 and A-2 (order o1); buyer y holds A-5 until a minute from now (order o2).</summary>
    public static SaleFinalState Consistent() => Build(
        [Sold("o1", "x", "A-1", "A-2"), Held("o2", "y", Now.AddMinutes(1), "A-5")],
        [Order("o1", "x", OrderStatus.Paid, "A-1", "A-2"), Order("o2", "y", OrderStatus.Held, "A-5")]);

    public static SaleFinalState Build(IReadOnlyList<AllocationView> allocations, IReadOnlyList<OrderView> orders, int limit = 4)
    {
        var seats = new byte[10];
        foreach (var a in allocations)
        {
            foreach (var item in a.Items)
            {
                seats[int.Parse(item.SeatId![2..], System.Globalization.CultureInfo.InvariantCulture) - 1] =
                    (byte)(a.Status == AllocationStatus.Sold ? SeatStatus.Sold : SeatStatus.Held);
            }
        }

        var sold = seats.Count(s => s == (byte)SeatStatus.Sold);
        var held = seats.Count(s => s == (byte)SeatStatus.Held);
        var counts = ImmutableDictionary<string, InventoryCounts>.Empty.Add("std", new InventoryCounts(10 - sold - held, held, sold));
        var snapshot = new SeatMapSnapshot("ev", "B1", 7, [.. seats], counts);
        return new SaleFinalState("ev", limit, Now, [new BlockFinalState("B1", 10, snapshot, allocations)], orders);
    }

    public static AllocationView Sold(string holdId, string buyer, params string[] seats) =>
        new(holdId, buyer, AllocationStatus.Sold, Items(seats), Now.AddMinutes(-3));

    public static AllocationView Held(string holdId, string buyer, DateTimeOffset expires, params string[] seats) =>
        new(holdId, buyer, AllocationStatus.Held, Items(seats), expires);

    public static OrderView Order(string orderId, string buyer, OrderStatus status, params string[] seats) => new(
        orderId, "ev", buyer, "B1", status, [.. seats.Select(s => new OrderLine(s, "std", 1, 99_000))],
        new Money(99_000 * seats.Length, "KRW"), status == OrderStatus.Held ? Now.AddMinutes(1) : Now.AddMinutes(-3),
        status == OrderStatus.Paid ? Now.AddMinutes(-4) : null,
        status == OrderStatus.Paid ? [.. seats.Select((s, i) => new Ticket($"{orderId}-{i + 1}", s, "std", "code"))] : [],
        null, Now.AddMinutes(-10), Now.AddDays(30));

    private static ImmutableArray<HeldItem> Items(string[] seats) => [.. seats.Select(s => new HeldItem(s, "std", 1))];
}
