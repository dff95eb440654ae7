using Tiketi.Common;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Orders;
using Tiketi.Seating;
using Tiketi.Waitlist;

namespace Tiketi.Grains.Tests.Waitlist;

/// <summary>Seats that come back go to the first waitlisted buyer, as a real hold, before anyone else can hold them.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class WaitlistOfferTests(SaleClusterFixture fixture)
{
    private readonly WaitlistSale _sale = new(fixture);

    [Fact]
    public async Task HoldExpires_WaitlistedBuyerGetsHeldOrderAndCompetitorIsRefused()
    {
        await _sale.CreateAsync(seats: 2);
        var first = await _sale.HoldAsync("first", HoldSelection.Best("std", 2));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter", 2);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));

        // The competitor's own hold makes the block sweep the expired hold first: in that same turn the
        // seats go to the waitlist, so the competitor finds them taken.
        var competitor = await _sale.TryHoldAsync("competitor", HoldSelection.Seats("A-1"));
        Assert.Equal(Reasons.SeatTaken, competitor.Code);

        var offered = await _sale.OfferAsync("waiter");
        Assert.Equal(OrderStatus.Held, offered.Status);
        Assert.Equal("waiter", offered.BuyerId);
        Assert.Equal(SaleClockNow() + TimeSpan.FromMinutes(7), offered.HoldExpiresAt);
        Assert.Equal(WaitlistSale.SeatIds(first).Order(), WaitlistSale.SeatIds(offered).Order());
        Assert.Null((await _sale.Waitlist.GetStatusAsync("waiter")).Place);

        var paid = await _sale.PayAsync(offered);
        Assert.Equal(OrderStatus.Paid, paid.Value!.Status);
        await Eventually.TrueAsync(async () => (await _sale.Waitlist.GetAuditAsync()).OffersTaken == 1, WaitlistSale.Within);
        var audit = await _sale.Waitlist.GetAuditAsync();
        Assert.Equal((1, 0, 1, 0), (audit.Joined, audit.Waiting, audit.OffersMade, audit.OffersLapsed));
        await InventoryAudit.AssertConsistentAsync(fixture.Client, _sale.EventId);
    }

    [Fact]
    public async Task HoldReleasedByBuyer_OfferedToWaitlistAndNotToBestAvailable()
    {
        await _sale.CreateAsync(seats: 2);
        var first = await _sale.HoldAsync("first", HoldSelection.Best("std", 2));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter", 1);

        await _sale.Order(first.OrderId).CancelAsync("first");
        var competitor = await _sale.TryHoldAsync("competitor", HoldSelection.Best("std", 1));

        var offered = await _sale.OfferAsync("waiter");
        Assert.Equal(["A-1"], WaitlistSale.SeatIds(offered));

        // One seat was wanted: the other went back on sale, to the competitor or to a retry now.
        if (!competitor.IsSuccess)
        {
            await Eventually.TrueAsync(async () => (await _sale.TryHoldAsync("competitor", HoldSelection.Best("std", 1))).IsSuccess, WaitlistSale.Within);
        }

        var allocations = await _sale.Block().GetAllocationsAsync();
        Assert.Contains(allocations, a => a.BuyerId == "competitor" && a.Items.Single().SeatId == "A-2");
        await InventoryAudit.AssertConsistentAsync(fixture.Client, _sale.EventId);
    }

    [Fact]
    public async Task PaidOrderRefunded_SeatsOfferedToWaitlist()
    {
        await _sale.CreateAsync(seats: 1);
        var first = await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        Assert.True((await _sale.PayAsync(first)).IsSuccess);
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter", 1);

        var refunded = await _sale.Order(first.OrderId).CancelAsync("first");
        Assert.Equal(OrderStatus.Refunded, refunded.Value!.Status);
        Assert.Equal(Reasons.SeatTaken, (await _sale.TryHoldAsync("competitor", HoldSelection.Seats("A-1"))).Code);

        var offered = await _sale.OfferAsync("waiter");
        Assert.Equal(["A-1"], WaitlistSale.SeatIds(offered));
        Assert.Equal((byte)SeatStatus.Held, (await _sale.Block().GetSnapshotAsync()).Seats[0]);
        await InventoryAudit.AssertConsistentAsync(fixture.Client, _sale.EventId);
    }

    [Fact]
    public async Task OfferLapses_SeatsOfferedToNextWaitlistedBuyer()
    {
        await _sale.CreateAsync(seats: 2);
        await _sale.HoldAsync("first", HoldSelection.Best("std", 2));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter-1", 2);
        await _sale.JoinAsync("waiter-2", 2);
        Assert.Equal(2, (await _sale.Waitlist.GetStatusAsync("waiter-2")).Place!.Position);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));
        var lapsing = await _sale.OfferAsync("waiter-1");
        Assert.Equal(1, (await _sale.Waitlist.GetStatusAsync("waiter-2")).Place!.Position);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));
        var next = await _sale.OfferAsync("waiter-2");

        Assert.Equal(WaitlistSale.SeatIds(lapsing).Order(), WaitlistSale.SeatIds(next).Order());
        Assert.Equal(OrderStatus.Expired, (await _sale.Order(lapsing.OrderId).GetAsync())!.Status);
        Assert.Equal(WaitlistOfferOutcome.Lapsed, (await _sale.Waitlist.GetStatusAsync("waiter-1")).Offer!.Outcome);
        await Eventually.TrueAsync(async () => (await _sale.Waitlist.GetAuditAsync()).OffersLapsed == 1, WaitlistSale.Within);
        Assert.Equal(2, (await _sale.Waitlist.GetAuditAsync()).OffersMade);
    }

    [Fact]
    public async Task ChunkSmallerThanHead_OfferedToFirstThatFitsAndHeadKeepsPlace()
    {
        await _sale.CreateAsync(seats: 3);
        var pair = await _sale.HoldAsync("pair", HoldSelection.Best("std", 2));
        await _sale.HoldAsync("single", HoldSelection.Best("std", 1));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("wants-three", 3);
        await _sale.JoinAsync("wants-one", 1);

        await _sale.Order(pair.OrderId).CancelAsync("pair");

        var offered = await _sale.OfferAsync("wants-one");
        Assert.Single(offered.Lines);
        var head = await _sale.Waitlist.GetStatusAsync("wants-three");
        Assert.Equal(1, head.Place!.Position);
        Assert.Null(head.Offer);

        // The seat nobody fits is back on sale at once, not after the reservation's guard.
        Assert.True((await _sale.TryHoldAsync("passer-by", HoldSelection.Best("std", 1))).IsSuccess);
        await InventoryAudit.AssertConsistentAsync(fixture.Client, _sale.EventId);
    }

    [Fact]
    public async Task GeneralAdmission_ReleasedPlacesOfferedToWaitlistFirst()
    {
        await _sale.CreateAsync(seats: 2, generalAdmission: true);
        var first = await _sale.HoldAsync("first", HoldSelection.Best("ga", 2), "GA");
        await _sale.SoldOutAsync("ga");
        await _sale.JoinAsync("waiter", 2, "ga");

        await _sale.Order(first.OrderId).CancelAsync("first");
        Assert.Equal(Reasons.NotEnoughInventory, (await _sale.TryHoldAsync("competitor", HoldSelection.Best("ga", 1), "GA")).Code);

        var offered = await _sale.OfferAsync("waiter");
        Assert.Equal(2, offered.Quantity);
        await InventoryAudit.AssertConsistentAsync(fixture.Client, _sale.EventId);
    }

    [Fact]
    public async Task WaitlistEmpty_ReleasedSeatsGoStraightBackOnSale()
    {
        await _sale.CreateAsync(seats: 1);
        var first = await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter", 1);
        await _sale.Waitlist.LeaveAsync("waiter");

        await _sale.Order(first.OrderId).CancelAsync("first");

        Assert.True((await _sale.TryHoldAsync("next", HoldSelection.Seats("A-1"))).IsSuccess);
        Assert.Equal(0, (await _sale.Waitlist.GetAuditAsync()).OffersMade);
    }

    [Fact]
    public async Task BlockReactivated_StillKnowsTheWaitlistWantsItsSeats()
    {
        await _sale.CreateAsync(seats: 1);
        var first = await _sale.HoldAsync("first", HoldSelection.Best("std", 1));
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("waiter", 1);
        await fixture.Cluster.DeactivateAsync(_sale.Block());

        await _sale.Order(first.OrderId).CancelAsync("first");

        Assert.Equal(Reasons.SeatTaken, (await _sale.TryHoldAsync("competitor", HoldSelection.Seats("A-1"))).Code);
        Assert.Equal(["A-1"], WaitlistSale.SeatIds(await _sale.OfferAsync("waiter")));
    }

    [Fact]
    public async Task OfferOverBuyersLimit_EntryEndsAndNextBuyerIsOffered()
    {
        await _sale.CreateAsync(seats: 2, limit: 2, floor: 1);
        var pair = await _sale.HoldAsync("pair", HoldSelection.Best("std", 2));
        var floor = await _sale.HoldAsync("floor", HoldSelection.Best("ga", 1), "GA");
        await _sale.SoldOutAsync();
        await _sale.JoinAsync("greedy", 2);
        await _sale.JoinAsync("modest", 2);

        // Nobody waits for the floor, so its place goes back on sale, and the greedy buyer takes it.
        await _sale.Order(floor.OrderId).CancelAsync("floor");
        await _sale.HoldAsync("greedy", HoldSelection.Best("ga", 1), "GA");

        await _sale.Order(pair.OrderId).CancelAsync("pair");

        Assert.Equal(2, (await _sale.OfferAsync("modest")).Quantity);
        var greedy = await _sale.Waitlist.GetStatusAsync("greedy");
        Assert.Null(greedy.Place);
        Assert.Null(greedy.Offer);
    }

    private DateTimeOffset SaleClockNow() => fixture.Clock.GetUtcNow();
}
