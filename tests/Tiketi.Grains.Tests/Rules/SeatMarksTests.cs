using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>
/// Seat-level marks in the block rules: row A has 8 std seats with an aisle after seat 4, A-8 blocked and a
/// wheelchair space A-1 with its companion A-2; row B has 8 std seats and no marks.
/// </summary>
public sealed class SeatMarksTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly SeatBlockState _state = new();
    private static readonly string[] CategoryIds = ["std"];

    private static readonly BlockDefinition Block = BlockDefinition.Reserved(
        "b1",
        "Block 1",
        new RowDefinition("A", [new SeatRun(8, "std")], new SeatMarks([4], [8], [new WheelchairSpace(1, 2)])),
        RowDefinition.Of("B", 8, "std"));

    [Fact]
    public void Configure_BlockedSeat_IsOnTheMapButInNoCount()
    {
        var inventory = Configured();

        Assert.Equal(new InventoryCounts(15, 0, 0, AccessibleAvailable: 2), inventory.Counts()["std"]);
        Assert.Equal(13, inventory.Counts()["std"].OpenAvailable);
        Assert.Equal(15, Block.Capacity);
    }

    [Fact]
    public void Hold_BlockedSeat_FailsWithRes010AndHoldsNothing()
    {
        var inventory = Configured();

        var result = Hold(inventory, "h1", "A-7", "A-8");

        Assert.Equal(Reasons.SeatNotForSale, result.Code);
        Assert.Contains("A-8", result.Message, StringComparison.Ordinal);
        Assert.Empty(inventory.Allocations());
    }

    [Theory]
    [InlineData("A-1")]
    [InlineData("A-2")]
    [InlineData("A-2", "A-3")]
    public void Hold_WheelchairSpaceOrCompanionAlone_FailsWithRes011AndHoldsNothing(params string[] seats)
    {
        var inventory = Configured();

        var result = Hold(inventory, "h1", seats);

        Assert.Equal(Reasons.WheelchairPairSplit, result.Code);
        Assert.Contains("A-1", result.Message, StringComparison.Ordinal);
        Assert.Contains("A-2", result.Message, StringComparison.Ordinal);
        Assert.Empty(inventory.Allocations());
    }

    [Fact]
    public void Hold_WheelchairSpaceWithItsCompanion_HoldsBoth()
    {
        var inventory = Configured();

        var grant = Hold(inventory, "h1", "A-2", "A-1");

        Assert.True(grant.IsSuccess, grant.Message);
        Assert.Equal(["A-1", "A-2"], grant.Value!.Items.Select(i => i.SeatId));
        Assert.Equal(new InventoryCounts(13, 2, 0, AccessibleAvailable: 0), inventory.Counts()["std"]);
        Assert.True(inventory.Release("h1"));
        Assert.Equal(new InventoryCounts(15, 0, 0, AccessibleAvailable: 2), inventory.Counts()["std"]);
    }

    [Fact]
    public void HoldBest_NeverTakesMarkedSeatsNorSpansTheAisle()
    {
        var inventory = Configured();

        // Row A has ..A-7 free and pickable: three together come from A-5..A-7, not across the aisle.
        var three = Best(inventory, "h1", 3);
        var two = Best(inventory, "h2", 2);
        var rest = Best(inventory, "h3", 8);

        Assert.Equal(["A-5", "A-6", "A-7"], three);
        Assert.Equal(["A-3", "A-4"], two);
        Assert.Equal([.. Enumerable.Range(1, 8).Select(n => $"B-{n}")], rest);
        Assert.Equal(Reasons.NotEnoughInventory, inventory.Hold(new HoldCommand("h4", "buyer", HoldSelection.Best("std", 1), Now.AddMinutes(7)), Now).Code);
        // Only the wheelchair pair is left: available, but not to best available (nor the waitlist).
        Assert.Equal(new InventoryCounts(2, 13, 0, AccessibleAvailable: 2), inventory.Counts()["std"]);
        Assert.Equal(0, inventory.Counts()["std"].OpenAvailable);
    }

    [Fact]
    public void Snapshot_ShowsBlockedSeatAsNotForSale_AndHeldPairAsHeld()
    {
        var inventory = Configured();
        Hold(inventory, "h1", "A-1", "A-2");

        var seats = Seats();

        Assert.Equal(SeatStatus.Held, seats[0]);
        Assert.Equal(SeatStatus.Held, seats[1]);
        Assert.Equal(SeatStatus.Blocked, seats[7]);
        Assert.All(seats[8..], s => Assert.Equal(SeatStatus.Available, s));
    }

    [Fact]
    public void ReturnSold_WheelchairPairOfAWaitlistedCategory_GoesBackOnSaleNotToTheWaitlist()
    {
        var inventory = Configured();
        inventory.SetWaitlistWanted("std", true);
        Hold(inventory, "h1", "A-1", "A-2", "B-1");
        Assert.True(inventory.Confirm("h1", Now).IsSuccess);

        Assert.True(inventory.ReturnSold("h1"));

        var reservation = Assert.Single(inventory.TakeNewReservations(Now.AddSeconds(30)));
        Assert.Equal(1, reservation.Quantity);
        var seats = Seats();
        Assert.Equal(SeatStatus.Available, seats[0]);
        Assert.Equal(SeatStatus.Available, seats[1]);
        Assert.Equal(SeatStatus.Held, seats[8]);
    }

    [Theory]
    [InlineData("aisle at the row end", 8, 0, 0, 0)]
    [InlineData("companion across the aisle", 0, 0, 4, 5)]
    [InlineData("companion not beside", 0, 0, 1, 3)]
    [InlineData("blocked wheelchair space", 0, 1, 1, 2)]
    [InlineData("seat beyond the row", 0, 9, 0, 0)]
    public void Validate_ImpossibleMarks_AreRefusedWithEvt003(string because, int aisle, int blocked, int wheelchair, int companion)
    {
        var marks = new SeatMarks(
            aisle > 0 ? [aisle] : [4],
            blocked > 0 ? [blocked] : [],
            wheelchair > 0 ? [new WheelchairSpace(wheelchair, companion)] : []);
        var block = BlockDefinition.Reserved("b1", "Block 1", new RowDefinition("A", [new SeatRun(8, "std")], marks));

        var result = BlockLayout.Validate(block, CategoryIds);

        Assert.False(result.IsSuccess, because);
        Assert.Equal(Reasons.InvalidEvent, result.Code);
        Assert.StartsWith("Row A of block 'b1':", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreMarksInARowThanTheLimit_IsRefused()
    {
        var seats = BlockLayout.MaxMarksPerRow + 2;
        var row = new RowDefinition("A", [new SeatRun(seats, "std")], new SeatMarks([], [.. Enumerable.Range(1, BlockLayout.MaxMarksPerRow + 1)], []));
        var atLimit = row with { Marks = new SeatMarks([], [.. Enumerable.Range(1, BlockLayout.MaxMarksPerRow)], []) };

        Assert.Equal(Reasons.InvalidEvent, BlockLayout.Validate(BlockDefinition.Reserved("b1", "B", row), CategoryIds).Code);
        Assert.True(BlockLayout.Validate(BlockDefinition.Reserved("b1", "B", atLimit), CategoryIds).IsSuccess);
    }

    /// <summary>The seat map as the grain's snapshot sends it.</summary>
    private SeatStatus[] Seats() => [.. _state.Seats.Select(b => (SeatStatus)b)];

    private SeatInventory Configured()
    {
        var inventory = new SeatInventory(_state);
        Assert.True(inventory.Configure(Block, CategoryIds).IsSuccess);
        inventory.TakeChanges();
        return inventory;
    }

    private static Result<HoldGrant> Hold(SeatInventory inventory, string holdId, params string[] seats) =>
        inventory.Hold(new HoldCommand(holdId, "buyer", HoldSelection.Seats(seats), Now.AddMinutes(7)), Now);

    private static string[] Best(SeatInventory inventory, string holdId, int count)
    {
        var grant = inventory.Hold(new HoldCommand(holdId, "buyer", HoldSelection.Best("std", count), Now.AddMinutes(7)), Now);
        Assert.True(grant.IsSuccess, grant.Message);
        return [.. grant.Value!.Items.Select(i => i.SeatId!)];
    }
}
