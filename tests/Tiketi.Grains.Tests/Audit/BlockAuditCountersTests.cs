using System.ComponentModel.DataAnnotations;
using Tiketi.Audit;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Audit;

public sealed class BlockAuditCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Snapshot_StateWrittenBeforeTheAuditExisted_ReadsAsZeroAndCountsFromThere()
    {
        var state = new SeatBlockState { CategoryIds = ["std"], Audit = null };
        var counters = new BlockAuditCounters(state, a => [a.Seats.Length]);
        var counts = new Dictionary<string, InventoryCounts> { ["std"] = new(4, 0, 0) };

        Assert.Equal(HoldCounts.Zero, counters.Snapshot("ev", "B1", counts).Holds);
        counters.Record(HoldEvent.Placed, new Allocation { Seats = [0, 1] });

        Assert.Equal(new HoldTally(1, 2), counters.Snapshot("ev", "B1", counts).Holds.Placed);
        Assert.NotNull(state.Audit);
    }

    [Fact]
    public void Record_HoldAcrossTwoCategories_CountsOnceInEachAndOnceInTheBlock()
    {
        var state = new SeatBlockState { CategoryIds = ["vip", "std"] };
        var counters = new BlockAuditCounters(state, _ => [1, 2]);

        counters.Record(HoldEvent.Sold, new Allocation { Seats = [0, 1, 2] });
        var audit = counters.Snapshot("ev", "B1", new Dictionary<string, InventoryCounts> { ["vip"] = new(0, 0, 1), ["std"] = new(0, 0, 2) });

        Assert.Equal(new HoldTally(1, 3), audit.Holds.Sold);
        Assert.Equal([new HoldTally(1, 1), new HoldTally(1, 2)], audit.Categories.Select(c => c.Holds.Sold));
    }

    [Fact]
    public void Observe_RunsOutThenSellsOutThenARefund_FirstRunOutKeptSoldOutCleared()
    {
        var state = new SeatBlockState { CategoryIds = ["std"] };
        var counters = new BlockAuditCounters(state, _ => [1]);
        Snapshot Observe(int available, int held, int sold, DateTimeOffset at)
        {
            var counts = new Dictionary<string, InventoryCounts> { ["std"] = new(available, held, sold) };
            counters.Observe(counts, at);
            var c = counters.Snapshot("ev", "B1", counts).Categories.Single();
            return new(c.FirstNoneAvailableAt, c.SoldOutAt);
        }

        Assert.Equal(new Snapshot(null, null), Observe(1, 1, 0, T0));
        Assert.Equal(new Snapshot(T0.AddSeconds(1), null), Observe(0, 1, 1, T0.AddSeconds(1)));
        Assert.Equal(new Snapshot(T0.AddSeconds(1), T0.AddSeconds(2)), Observe(0, 0, 2, T0.AddSeconds(2)));
        Assert.Equal(new Snapshot(T0.AddSeconds(1), T0.AddSeconds(2)), Observe(0, 0, 2, T0.AddSeconds(3)));
        Assert.Equal(new Snapshot(T0.AddSeconds(1), null), Observe(1, 0, 1, T0.AddSeconds(4)));
        Assert.Equal(new Snapshot(T0.AddSeconds(1), T0.AddSeconds(5)), Observe(0, 0, 2, T0.AddSeconds(5)));
    }

    [Theory]
    [InlineData(0.05, false)]
    [InlineData(0.1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void AuditOptions_ErrorFlushInterval_OnlyATenthOfASecondToTenSeconds(double seconds, bool valid)
    {
        var options = new AuditOptions { ErrorFlushInterval = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    private sealed record Snapshot(DateTimeOffset? FirstNoneAvailableAt, DateTimeOffset? SoldOutAt);
}
