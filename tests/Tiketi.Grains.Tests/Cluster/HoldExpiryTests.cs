using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>A hold ends on time, whether or not the block grain was active to watch it.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class HoldExpiryTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Hold_ClockPassesExpiry_SeatsReleasedWithinOneSecondAndOrderExpired()
    {
        var (eventId, order) = await HoldOneAsync("A-1", "A-2");
        var block = fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1"));

        // One second early: another buyer's hold makes the block sweep at this instant, and ours survives it.
        fixture.Clock.Advance(TimeSpan.FromMinutes(7) - TimeSpan.FromSeconds(1));
        var other = await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, "neighbour"))
            .HoldAsync(new HoldRequest("B1", HoldSelection.Seats(["B-1"]), null));
        Assert.True(other.IsSuccess, other.Message);
        Assert.Equal((byte)SeatStatus.Held, (await block.GetSnapshotAsync()).Seats[0]);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await block.GetSnapshotAsync()).Seats.Take(2).All(s => s == (byte)SeatStatus.Available), TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await fixture.Client.GetGrain<IOrderGrain>(order.OrderId).GetAsync())!.Status == OrderStatus.Expired, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Hold_BlockDeactivatedThenClockPassesExpiry_SweptOnActivation()
    {
        var (eventId, _) = await HoldOneAsync("A-1");
        var block = fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1"));
        await fixture.Cluster.DeactivateAsync(block);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));
        var snapshot = await block.GetSnapshotAsync();

        Assert.Equal((byte)SeatStatus.Available, snapshot.Seats[0]);
        Assert.Empty(await block.GetAllocationsAsync());
    }

    [Fact]
    public async Task Checkout_AfterHoldExpired_RefusedWithHoldExpiredAndNoCharge()
    {
        var (_, order) = await HoldOneAsync("A-3");
        fixture.Clock.Advance(TimeSpan.FromMinutes(8));
        var charges = fixture.Payments.ChargeCount;

        var result = await fixture.Client.GetGrain<IOrderGrain>(order.OrderId)
            .CheckoutAsync(new CheckoutRequest(order.BuyerId, "key-1", "4242424242424242"));

        Assert.Equal(Reasons.HoldExpired, result.Code);
        Assert.Equal(charges, fixture.Payments.ChargeCount);
    }

    [Fact]
    public async Task Hold_ExpiredHoldOfBuyer_NoLongerCountsAgainstLimit()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10, limit: 2));
        var buyer = fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, "limited"));
        Assert.True((await buyer.HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 2), null))).IsSuccess);
        Assert.Equal(Reasons.LimitReached, (await buyer.HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 1), null))).Code);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));

        Assert.True((await buyer.HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 2), null))).IsSuccess);
    }

    private async Task<(string EventId, OrderView Order)> HoldOneAsync(params string[] seats)
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10));
        var held = await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, "expiring"))
            .HoldAsync(new HoldRequest("B1", HoldSelection.Seats(seats), null));
        Assert.True(held.IsSuccess, held.Message);
        return (eventId, held.Value!);
    }
}
