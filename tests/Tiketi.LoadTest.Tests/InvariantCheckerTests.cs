using Tiketi.LoadTest.Invariants;
using Tiketi.Orders;
using static Tiketi.LoadTest.Tests.SaleStates;

namespace Tiketi.LoadTest.Tests;

public sealed class InvariantCheckerTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    [Fact]
    public void Check_ConsistentSale_Passes()
    {
        var report = InvariantChecker.Check(Consistent(), ["o1"], Grace);

        Assert.True(report.Passed, string.Join("; ", report.Violations));
        Assert.Equal(2, report.Figures["unitsSold"]);
        Assert.Equal(2, report.Figures["ticketsInPaidOrders"]);
    }

    [Fact]
    public void Check_SeatSoldTwice_IsAViolation()
    {
        var state = Build(
            [Sold("o1", "x", "A-1", "A-2"), Sold("o3", "z", "A-2")],
            [Order("o1", "x", OrderStatus.Paid, "A-1", "A-2"), Order("o3", "z", OrderStatus.Paid, "A-2")]);

        var report = InvariantChecker.Check(state, [], Grace);

        Assert.False(report.Passed);
        Assert.Contains(report.Violations, v => v.Contains("A-2", StringComparison.Ordinal) && v.Contains("sold twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SoldSeatsWithoutPaidOrder_IsAViolation()
    {
        var state = Build([Sold("o1", "x", "A-1", "A-2")], [Order("o1", "x", OrderStatus.Expired, "A-1", "A-2")]);

        var report = InvariantChecker.Check(state, [], Grace);

        Assert.Contains(report.Violations, v => v.Contains("differ from tickets in paid orders", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("not paid", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_BuyerAboveLimit_IsAViolation()
    {
        var state = Build(
            [Sold("o1", "x", "A-1", "A-2"), Sold("o4", "x", "A-3", "A-4")],
            [Order("o1", "x", OrderStatus.Paid, "A-1", "A-2"), Order("o4", "x", OrderStatus.Paid, "A-3", "A-4")],
            limit: 3);

        var report = InvariantChecker.Check(state, [], Grace);

        Assert.Contains(report.Violations, v => v.Contains("buyer x has 4 tickets", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HoldPastItsExpiry_IsAViolation()
    {
        var state = Build([Held("o2", "y", Now.AddMinutes(-1), "A-5")], []);

        var report = InvariantChecker.Check(state, [], Grace);

        Assert.Contains(report.Violations, v => v.Contains("outlived its expiry", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HoldJustPastExpiryWithinGrace_Passes()
    {
        var state = Build([Held("o2", "y", Now.AddSeconds(-1), "A-5")], []);

        Assert.True(InvariantChecker.Check(state, [], Grace).Passed);
    }

    [Fact]
    public void Check_ConfirmedOrderMissing_IsAViolation()
    {
        var report = InvariantChecker.Check(Consistent(), ["o1", "o9"], Grace);

        Assert.Contains(report.Violations, v => v.Contains("o9", StringComparison.Ordinal) && v.Contains("lost", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SeatMapDisagreesWithAllocations_IsAViolation()
    {
        var state = Consistent();
        var block = state.Blocks[0];
        var seats = block.Snapshot.Seats.SetItem(9, 2);
        var broken = state with { Blocks = [block with { Snapshot = block.Snapshot with { Seats = seats } }] };

        var report = InvariantChecker.Check(broken, ["o1"], Grace);

        Assert.Contains(report.Violations, v => v.Contains("seat map shows 3 sold", StringComparison.Ordinal));
    }
}
