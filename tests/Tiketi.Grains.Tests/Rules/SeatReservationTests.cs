using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Rules;

/// <summary>Waitlist reservations in a block, without a cluster: row A has 2 vip and 2 std seats.</summary>
public sealed class SeatReservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] CategoryIds = ["vip", "std"];

    [Fact]
    public void Release_HoldOverWantedAndUnwantedCategories_OnlyWantedSeatsReserved()
    {
        var (inventory, state) = Block();
        inventory.SetWaitlistWanted("std", true);
        Hold(inventory, "h1", "A-2", "A-3");

        inventory.Release("h1");
        var reserved = inventory.TakeNewReservations(Now + SeatInventory.ReservationGuard);

        var reservation = Assert.Single(reserved);
        Assert.Equal(("std", 1), (reservation.CategoryId, reservation.Quantity));
        Assert.Equal([(byte)SeatStatus.Available, (byte)SeatStatus.Available, (byte)SeatStatus.Held, (byte)SeatStatus.Available], state.Seats);
        Assert.Equal(SeatInventory.WaitlistHolder, state.Allocations[reservation.ReservationId].BuyerId);
    }

    [Fact]
    public void Sweep_ReservationPastItsGuard_SeatsBackOnSaleNotReservedAgain()
    {
        var (inventory, state) = Block();
        inventory.SetWaitlistWanted("std", true);
        Hold(inventory, "h1", "A-3", "A-4");
        inventory.Release("h1");
        inventory.TakeNewReservations(Now + SeatInventory.ReservationGuard);

        Assert.Empty(inventory.SweepExpired(Now + SeatInventory.ReservationGuard - TimeSpan.FromSeconds(1)));
        Assert.Equal(2, state.Seats.Count(s => s == (byte)SeatStatus.Held));

        var expired = Assert.Single(inventory.SweepExpired(Now + SeatInventory.ReservationGuard));
        Assert.True(SeatInventory.IsReservation(expired));
        Assert.All(state.Seats, s => Assert.Equal((byte)SeatStatus.Available, s));
        Assert.Empty(inventory.TakeNewReservations(Now.AddMinutes(1)));
        Assert.Equal(30, SeatInventory.ReservationGuard.TotalSeconds);
    }

    [Fact]
    public void ClaimReservation_PartOfIt_BuyerHoldsBestSeatsRestStaysReserved()
    {
        var (inventory, state) = Block();
        inventory.SetWaitlistWanted("std", true);
        Hold(inventory, "h1", "A-3", "A-4");
        inventory.Release("h1");
        var reservation = inventory.TakeNewReservations(Now + SeatInventory.ReservationGuard).Single();

        var tooMany = inventory.ClaimReservation(reservation.ReservationId, Command("o1", "w", 3), Now);
        var claimed = inventory.ClaimReservation(reservation.ReservationId, Command("o1", "w", 1), Now);

        Assert.Equal(Reasons.NotEnoughInventory, tooMany.Code);
        Assert.Equal("A-3", claimed.Value!.Items.Single().SeatId);
        Assert.Equal("w", state.Allocations["o1"].BuyerId);
        Assert.Single(state.Allocations[reservation.ReservationId].Seats);
        Assert.True(inventory.ReleaseReservation(reservation.ReservationId));
        Assert.Equal((byte)SeatStatus.Available, state.Seats[3]);
        Assert.Equal(Reasons.HoldExpired, inventory.ClaimReservation(reservation.ReservationId, Command("o2", "x", 1), Now).Code);
    }

    [Fact]
    public void CancelAll_ClosedBlock_ReservesNothingAndReportsNoReservationAsHold()
    {
        var (inventory, state) = Block();
        inventory.SetWaitlistWanted("std", true);
        Hold(inventory, "h1", "A-3");
        inventory.Release("h1");
        inventory.TakeNewReservations(Now + SeatInventory.ReservationGuard);
        Hold(inventory, "h2", "A-4");

        var cancellation = inventory.CancelAll();

        Assert.Equal<string>(["h2"], cancellation.ReleasedHoldIds);
        Assert.Empty(state.Allocations);
        Assert.All(state.Seats, s => Assert.Equal((byte)SeatStatus.Available, s));
        Assert.Empty(inventory.TakeNewReservations(Now));
    }

    private static (SeatInventory Inventory, SeatBlockState State) Block()
    {
        var state = new SeatBlockState();
        var inventory = new SeatInventory(state);
        var row = new RowDefinition("A", [new SeatRun(2, "vip"), new SeatRun(2, "std")]);
        Assert.True(inventory.Configure(BlockDefinition.Reserved("b1", "Block 1", row), CategoryIds).IsSuccess);
        return (inventory, state);
    }

    private static void Hold(SeatInventory inventory, string holdId, params string[] seats) =>
        Assert.True(inventory.Hold(new HoldCommand(holdId, "buyer", HoldSelection.Seats(seats), Now.AddMinutes(7)), Now).IsSuccess);

    private static HoldCommand Command(string holdId, string buyerId, int quantity) =>
        new(holdId, buyerId, HoldSelection.Best("std", quantity), Now.AddMinutes(7));
}
