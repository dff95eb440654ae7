using System.Collections.Immutable;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>
/// The block rules without a cluster. The reserved block has rows A (4 vip), B (2 vip then 4 std) and
/// C (6 std): 6 vip and 10 std seats. The general-admission floor has 10 vip and 50 std places.
/// </summary>
public sealed class SeatInventoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddMinutes(7);
    private static readonly string[] CategoryIds = ["vip", "std"];

    private static readonly BlockDefinition ReservedBlock = BlockDefinition.Reserved(
        "b1",
        "Block 1",
        RowDefinition.Of("A", 4, "vip"),
        new RowDefinition("B", [new SeatRun(2, "vip"), new SeatRun(4, "std")]),
        RowDefinition.Of("C", 6, "std"));

    private static readonly BlockDefinition FloorBlock = BlockDefinition.GeneralAdmission(
        "floor", "Floor", new AreaCapacity("vip", 10), new AreaCapacity("std", 50));

    [Fact]
    public void Hold_FreeExplicitSeats_HoldsExactlyThoseSeats()
    {
        var inventory = Reserved();

        var grant = Hold(inventory, "h1", HoldSelection.Seats("A-2", "B-4"));

        Assert.True(grant.IsSuccess);
        Assert.Equal<HeldItem>([new HeldItem("A-2", "vip", 1), new HeldItem("B-4", "std", 1)], grant.Value!.Items);
        Assert.Equal("b1", grant.Value.BlockId);
        Assert.Equal(Later, grant.Value.ExpiresAt);
        Assert.Equal(new InventoryCounts(5, 1, 0), inventory.Counts()["vip"]);
        Assert.Equal(new InventoryCounts(9, 1, 0), inventory.Counts()["std"]);
    }

    [Fact]
    public void Hold_OneExplicitSeatTaken_FailsWithRes001AndChangesNothing()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-2"));
        inventory.TakeChanges();
        var before = inventory.Counts();

        var result = Hold(inventory, "h2", HoldSelection.Seats("A-1", "A-2", "A-3"), "buyer-2");

        Assert.Equal(Reasons.SeatTaken, result.Code);
        Assert.Equal(before, inventory.Counts());
        Assert.Empty(inventory.TakeChanges());
        Assert.Equal(["h1"], inventory.Allocations().Select(a => a.HoldId));
    }

    [Theory]
    [InlineData("Z-1")]
    [InlineData("A-5")]
    [InlineData("A-0")]
    [InlineData("A")]
    [InlineData("-1")]
    [InlineData("seat")]
    public void Hold_UnknownSeat_FailsWithRes005AndHoldsNothing(string seatId)
    {
        var inventory = Reserved();

        var result = Hold(inventory, "h1", HoldSelection.Seats("A-1", seatId));

        Assert.Equal(Reasons.UnknownSeat, result.Code);
        Assert.Empty(inventory.Allocations());
        Assert.Equal(6, inventory.Counts()["vip"].Available);
    }

    [Fact]
    public void Hold_SameSeatListedTwice_FailsWithRes008()
    {
        var inventory = Reserved();

        var result = Hold(inventory, "h1", HoldSelection.Seats("C-3", "C-4", "C-3"));

        Assert.Equal(Reasons.InvalidSelection, result.Code);
        Assert.Empty(inventory.Allocations());
    }

    [Fact]
    public void Hold_BestAvailable_HoldsRequestedCountInCategory()
    {
        var inventory = Reserved();

        var grant = Hold(inventory, "h1", HoldSelection.Best("std", 3));

        Assert.True(grant.IsSuccess);
        Assert.Equal(3, grant.Value!.Quantity);
        Assert.All(grant.Value.Items, i => Assert.Equal("std", i.CategoryId));
        Assert.Equal(3, grant.Value.Items.Select(i => i.SeatId).Distinct().Count());
        Assert.Equal(new InventoryCounts(7, 3, 0), inventory.Counts()["std"]);
        Assert.Equal(new InventoryCounts(6, 0, 0), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Hold_BestAvailableMoreThanLeft_FailsWithRes003()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Best("vip", 4));

        var result = Hold(inventory, "h2", HoldSelection.Best("vip", 3));

        Assert.Equal(Reasons.NotEnoughInventory, result.Code);
        Assert.Equal(new InventoryCounts(2, 4, 0), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Hold_CategoryNotInBlock_FailsWithRes007()
    {
        var inventory = Reserved();

        Assert.Equal(Reasons.UnknownCategory, Hold(inventory, "h1", HoldSelection.Best("balcony", 1)).Code);
    }

    [Fact]
    public void Hold_ExpiryNotInFuture_FailsWithRes008()
    {
        var inventory = Reserved();

        var result = inventory.Hold(new HoldCommand("h1", "buyer-1", HoldSelection.Seats("A-1"), Now), Now);

        Assert.Equal(Reasons.InvalidSelection, result.Code);
        Assert.Empty(inventory.Allocations());
    }

    [Fact]
    public void Hold_BlockNotConfigured_FailsWithRes006()
    {
        var inventory = new SeatInventory(new SeatBlockState());

        Assert.Equal(Reasons.UnknownBlock, Hold(inventory, "h1", HoldSelection.Seats("A-1")).Code);
    }

    [Fact]
    public void Hold_GeneralAdmissionQuantity_HoldsPlacesWithoutSeatNumbers()
    {
        var inventory = Floor();

        var grant = Hold(inventory, "h1", HoldSelection.Best("std", 5));

        Assert.Equal<HeldItem>([new HeldItem(null, "std", 5)], grant.Value!.Items);
        Assert.Equal(new InventoryCounts(45, 5, 0), inventory.Counts()["std"]);
        Assert.True(inventory.CountsChanged);
    }

    [Fact]
    public void Hold_GeneralAdmissionOverCapacity_FailsWithRes003()
    {
        var inventory = Floor();
        Hold(inventory, "h1", HoldSelection.Best("vip", 8));

        var over = Hold(inventory, "h2", HoldSelection.Best("vip", 3), "buyer-2");
        var exact = Hold(inventory, "h3", HoldSelection.Best("vip", 2), "buyer-3");

        Assert.Equal(Reasons.NotEnoughInventory, over.Code);
        Assert.True(exact.IsSuccess);
        Assert.Equal(new InventoryCounts(0, 10, 0), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Hold_ExplicitSeatsInGeneralAdmission_FailsWithRes008()
    {
        var inventory = Floor();

        Assert.Equal(Reasons.InvalidSelection, Hold(inventory, "h1", HoldSelection.Seats("A-1")).Code);
    }

    [Fact]
    public void Hold_RetriedWithSameHoldId_ReturnsSameGrantAndHoldsOnce()
    {
        var inventory = Reserved();
        var first = Hold(inventory, "h1", HoldSelection.Best("std", 2));

        var retry = Hold(inventory, "h1", HoldSelection.Best("std", 2));

        Assert.True(retry.IsSuccess);
        Assert.Equal<HeldItem>(first.Value!.Items, retry.Value!.Items);
        Assert.Equal(first.Value.ExpiresAt, retry.Value.ExpiresAt);
        Assert.Equal(new InventoryCounts(8, 2, 0), inventory.Counts()["std"]);
    }

    [Fact]
    public void Hold_RetriedInGeneralAdmission_HoldsOnce()
    {
        var inventory = Floor();
        Hold(inventory, "h1", HoldSelection.Best("std", 4));

        var retry = Hold(inventory, "h1", HoldSelection.Best("std", 4));

        Assert.Equal<HeldItem>([new HeldItem(null, "std", 4)], retry.Value!.Items);
        Assert.Equal(new InventoryCounts(46, 4, 0), inventory.Counts()["std"]);
    }

    [Fact]
    public void Hold_HoldIdOfAnotherBuyer_FailsWithRes008()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-1"));

        var result = Hold(inventory, "h1", HoldSelection.Seats("A-1"), "buyer-2");

        Assert.Equal(Reasons.InvalidSelection, result.Code);
    }

    [Fact]
    public void Confirm_HeldSeats_BecomeSold()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("C-1", "C-2"));

        var confirmed = inventory.Confirm("h1", Now.AddMinutes(1));

        Assert.True(confirmed.IsSuccess);
        Assert.Equal(new InventoryCounts(8, 0, 2), inventory.Counts()["std"]);
        Assert.Equal(AllocationStatus.Sold, Assert.Single(inventory.Allocations()).Status);
    }

    [Fact]
    public void Confirm_Twice_IsStillOneSale()
    {
        var inventory = Floor();
        Hold(inventory, "h1", HoldSelection.Best("vip", 3));
        var first = inventory.Confirm("h1", Now.AddMinutes(1));

        var second = inventory.Confirm("h1", Now.AddMinutes(2));

        Assert.True(second.IsSuccess);
        Assert.Equal<HeldItem>(first.Value!.Items, second.Value!.Items);
        Assert.Equal(new InventoryCounts(7, 0, 3), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Confirm_Twice_DoesNotNeedTheHoldStillToBeRunning()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-1"));
        inventory.Confirm("h1", Now.AddMinutes(1));

        var retryAfterExpiry = inventory.Confirm("h1", Later.AddHours(1));

        Assert.True(retryAfterExpiry.IsSuccess);
        Assert.Equal(new InventoryCounts(5, 0, 1), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Confirm_AfterExpiry_FailsWithRes002AndFreesSeats()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-1", "A-2"));

        var late = inventory.Confirm("h1", Later);

        Assert.Equal(Reasons.HoldExpired, late.Code);
        Assert.Equal(new InventoryCounts(6, 0, 0), inventory.Counts()["vip"]);
        Assert.Empty(inventory.Allocations());
        Assert.True(Hold(inventory, "h2", HoldSelection.Seats("A-1"), "buyer-2").IsSuccess);
    }

    [Fact]
    public void Confirm_UnknownHold_FailsWithRes002()
    {
        Assert.Equal(Reasons.HoldExpired, Reserved().Confirm("nope", Now).Code);
    }

    [Fact]
    public void Release_Twice_SecondIsANoOp()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("B-1"));

        Assert.True(inventory.Release("h1"));
        Assert.False(inventory.Release("h1"));
        Assert.False(inventory.Release("never-held"));
        Assert.Equal(new InventoryCounts(6, 0, 0), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Release_SoldHold_LeavesTheSale()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("B-1"));
        inventory.Confirm("h1", Now);

        Assert.False(inventory.Release("h1"));
        Assert.Equal(new InventoryCounts(5, 0, 1), inventory.Counts()["vip"]);
    }

    [Fact]
    public void ReturnSold_SoldSeats_GoBackOnSale()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("C-5", "C-6"));
        inventory.Confirm("h1", Now);

        Assert.True(inventory.ReturnSold("h1"));
        Assert.False(inventory.ReturnSold("h1"));

        Assert.Equal(new InventoryCounts(10, 0, 0), inventory.Counts()["std"]);
        Assert.True(Hold(inventory, "h2", HoldSelection.Seats("C-5", "C-6"), "buyer-2").IsSuccess);
    }

    [Fact]
    public void ReturnSold_HoldNotYetSold_IsRefused()
    {
        var inventory = Floor();
        Hold(inventory, "h1", HoldSelection.Best("std", 2));

        Assert.False(inventory.ReturnSold("h1"));
        Assert.Equal(new InventoryCounts(48, 2, 0), inventory.Counts()["std"]);
    }

    [Fact]
    public void SweepExpired_MixedHolds_ReleasesExactlyTheExpiredOnes()
    {
        var inventory = Reserved();
        Hold(inventory, "early", HoldSelection.Seats("A-1"), expiresAt: Now.AddMinutes(1));
        Hold(inventory, "due", HoldSelection.Seats("A-2"), expiresAt: Now.AddMinutes(2));
        Hold(inventory, "running", HoldSelection.Seats("A-3"), expiresAt: Now.AddMinutes(3));
        Hold(inventory, "sold", HoldSelection.Seats("A-4"), expiresAt: Now.AddMinutes(1));
        inventory.Confirm("sold", Now);

        var swept = inventory.SweepExpired(Now.AddMinutes(2));

        Assert.Equal(["due", "early"], swept.Order());
        Assert.Equal(["running", "sold"], inventory.Allocations().Select(a => a.HoldId).Order());
        Assert.Equal(new InventoryCounts(4, 1, 1), inventory.Counts()["vip"]);
        Assert.Equal(Now.AddMinutes(3), inventory.NextExpiry());
        Assert.Empty(inventory.SweepExpired(Now.AddMinutes(2)));
    }

    [Fact]
    public void CancelAll_HeldAndSold_ReportsBothAndReleasesHolds()
    {
        var inventory = Reserved();
        Hold(inventory, "held", HoldSelection.Seats("A-1"));
        Hold(inventory, "paid", HoldSelection.Seats("A-2"), "buyer-2");
        inventory.Confirm("paid", Now);

        var cancellation = inventory.CancelAll();

        Assert.Equal<string>(["held"], cancellation.ReleasedHoldIds);
        Assert.Equal<string>(["paid"], cancellation.SoldHoldIds);
        Assert.Equal(new InventoryCounts(5, 0, 1), inventory.Counts()["vip"]);
    }

    [Fact]
    public void Hold_AfterCancelAll_FailsWithSale003()
    {
        var inventory = Floor();
        inventory.CancelAll();

        Assert.Equal(Reasons.EventCancelled, Hold(inventory, "h1", HoldSelection.Best("std", 1)).Code);
        Assert.Equal(new InventoryCounts(50, 0, 0), inventory.Counts()["std"]);
    }

    [Fact]
    public void TakeChanges_AfterHoldAndConfirm_ReportsEachSeatWithItsNewStatus()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-1", "B-3"));

        var held = inventory.TakeChanges();
        inventory.Confirm("h1", Now);
        var sold = inventory.TakeChanges();
        inventory.Release("never-held");
        var none = inventory.TakeChanges();

        // Seat indexes run in row order: A-1 is 0, B-3 is 4 + 2.
        Assert.Equal([new SeatChange(0, SeatStatus.Held), new SeatChange(6, SeatStatus.Held)], held.OrderBy(c => c.Seat));
        Assert.Equal([new SeatChange(0, SeatStatus.Sold), new SeatChange(6, SeatStatus.Sold)], sold.OrderBy(c => c.Seat));
        Assert.Empty(none);
        Assert.False(inventory.HasChanges);
    }

    [Fact]
    public void TakeChanges_AfterRelease_ReportsSeatsAvailable()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("C-6"));
        inventory.TakeChanges();

        inventory.Release("h1");

        Assert.Equal<SeatChange>([new SeatChange(15, SeatStatus.Available)], inventory.TakeChanges());
    }

    [Fact]
    public void Configure_AfterSomethingHeld_FailsWithEvt002()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-1"));

        var result = inventory.Configure(FloorBlock, CategoryIds);

        Assert.Equal(Reasons.EventNotEditable, result.Code);
        Assert.Equal(6, inventory.Counts()["vip"].Capacity);
    }

    [Fact]
    public void Configure_AfterHoldsReleased_ReplacesLayout()
    {
        var inventory = Reserved();
        Hold(inventory, "h1", HoldSelection.Seats("A-1"));
        inventory.Release("h1");

        Assert.True(inventory.Configure(FloorBlock, CategoryIds).IsSuccess);
        Assert.Equal(10, inventory.Counts()["vip"].Capacity);
    }

    [Fact]
    public void Configure_InvalidLayout_FailsWithEvt003AndKeepsTheOldOne()
    {
        var inventory = Reserved();

        var result = inventory.Configure(BlockDefinition.Reserved("b1", "Block 1", RowDefinition.Of("A", 4, "balcony")), CategoryIds);

        Assert.Equal(Reasons.InvalidEvent, result.Code);
        Assert.Equal(10, inventory.Counts()["std"].Capacity);
    }

    [Fact]
    public void SeatInventory_RebuiltOverSameState_KeepsHoldsAndSeats()
    {
        var state = new SeatBlockState();
        var inventory = new SeatInventory(state);
        inventory.Configure(ReservedBlock, CategoryIds);
        Hold(inventory, "h1", HoldSelection.Seats("B-5", "B-6"));

        var reactivated = new SeatInventory(state);

        Assert.Equal(inventory.Counts(), reactivated.Counts());
        Assert.Equal(Reasons.SeatTaken, Hold(reactivated, "h2", HoldSelection.Seats("B-6"), "buyer-2").Code);
        Assert.True(reactivated.Confirm("h1", Now).IsSuccess);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    [InlineData(false, 4)]
    public void Counts_AfterThousandsOfRandomOperations_AlwaysAddUpToCapacity(bool reserved, int seed)
    {
        var random = new Random(seed);
        var inventory = reserved ? Reserved() : Floor();
        var capacity = inventory.Counts().ToDictionary(c => c.Key, c => c.Value.Capacity);
        var seatIds = new[] { "A", "B", "C" }.SelectMany(r => Enumerable.Range(1, 7).Select(n => $"{r}-{n}")).ToArray();
        var now = Now;

        for (var step = 0; step < 3_000; step++)
        {
            now = now.AddSeconds(random.Next(0, 20));
            var holdId = $"h{random.Next(0, 40)}";
            var before = inventory.Counts();
            var operation = random.Next(0, 7);
            var succeeded = operation switch
            {
                0 => Hold(inventory, holdId, HoldSelection.Seats([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => seatIds[random.Next(seatIds.Length)])]), $"buyer-{holdId}", now.AddSeconds(random.Next(1, 300)), now).IsSuccess,
                1 or 2 => Hold(inventory, holdId, HoldSelection.Best(CategoryIds[random.Next(2)], random.Next(1, 6)), $"buyer-{holdId}", now.AddSeconds(random.Next(1, 300)), now).IsSuccess,
                3 => inventory.Release(holdId),
                4 => inventory.Confirm(holdId, now).IsSuccess,
                5 => inventory.ReturnSold(holdId),
                _ => inventory.SweepExpired(now).Count > 0,
            };

            if (!succeeded)
            {
                AssertNothingTakenOrSold(before, inventory.Counts(), expiredConfirmMayFree: operation == 4);
            }

            AssertConsistent(inventory, capacity);
        }
    }

    private static void AssertConsistent(SeatInventory inventory, Dictionary<string, int> capacity)
    {
        var counts = inventory.Counts();
        Assert.Equal(capacity.Keys.Order(), counts.Keys.Order());
        var allocations = inventory.Allocations();
        foreach (var (category, total) in capacity)
        {
            var c = counts[category];
            Assert.Equal(total, c.Available + c.Held + c.Sold);
            Assert.True(c.Available >= 0 && c.Held >= 0 && c.Sold >= 0);
            Assert.Equal(c.Held, Units(allocations, AllocationStatus.Held, category));
            Assert.Equal(c.Sold, Units(allocations, AllocationStatus.Sold, category));
        }

        var seats = allocations.SelectMany(a => a.Items).Where(i => i.SeatId is not null).Select(i => i.SeatId).ToList();
        Assert.Equal(seats.Count, seats.Distinct().Count());
    }

    /// <summary>A refused command changes nothing, except that confirming an expired hold frees its seats.</summary>
    private static void AssertNothingTakenOrSold(
        ImmutableDictionary<string, InventoryCounts> before, ImmutableDictionary<string, InventoryCounts> after, bool expiredConfirmMayFree)
    {
        if (!expiredConfirmMayFree)
        {
            Assert.Equal(before, after);
            return;
        }

        foreach (var (category, counts) in before)
        {
            Assert.Equal(counts.Sold, after[category].Sold);
            Assert.True(after[category].Held <= counts.Held);
        }
    }

    private static int Units(ImmutableArray<AllocationView> allocations, AllocationStatus status, string category) =>
        allocations.Where(a => a.Status == status).SelectMany(a => a.Items).Where(i => i.CategoryId == category).Sum(i => i.Quantity);

    private static SeatInventory Reserved() => Configured(ReservedBlock);

    private static SeatInventory Floor() => Configured(FloorBlock);

    private static SeatInventory Configured(BlockDefinition block)
    {
        var inventory = new SeatInventory(new SeatBlockState());
        Assert.True(inventory.Configure(block, CategoryIds).IsSuccess);
        inventory.TakeChanges();
        return inventory;
    }

    private static Result<HoldGrant> Hold(
        SeatInventory inventory, string holdId, HoldSelection selection, string buyerId = "buyer-1", DateTimeOffset? expiresAt = null, DateTimeOffset? now = null) =>
        inventory.Hold(new HoldCommand(holdId, buyerId, selection, expiresAt ?? Later), now ?? Now);
}
