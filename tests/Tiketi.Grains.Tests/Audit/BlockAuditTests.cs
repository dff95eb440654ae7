using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Audit;

/// <summary>The block counts what happened to its holds, durably, and when its seats ran out.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class BlockAuditTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task GetAudit_HoldsPaidExpiredReleasedRefunded_CountsEachOutcomeWithItsSeats()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 1, seatsPerRow: 4));
        var paid = await HoldAsync(eventId, "payer", "A-1", "A-2");
        await PayAsync(paid);
        await HoldAsync(eventId, "walker", "A-3");
        fixture.Clock.Advance(TimeSpan.FromMinutes(8));
        var block = Block(eventId);
        await Eventually.TrueAsync(async () => (await block.GetAuditAsync()).Holds.Expired.Holds == 1, TimeSpan.FromSeconds(3));
        var dropped = await HoldAsync(eventId, "changed-mind", "A-3");
        Assert.True((await Order(dropped).CancelAsync("changed-mind")).IsSuccess);
        Assert.True((await Order(paid).RefundAsync()).IsSuccess);

        var holds = (await block.GetAuditAsync()).Holds;

        Assert.Equal(new HoldTally(3, 4), holds.Placed);
        Assert.Equal(new HoldTally(1, 2), holds.Sold);
        Assert.Equal(new HoldTally(1, 1), holds.Expired);
        Assert.Equal(new HoldTally(1, 1), holds.ReleasedByBuyer);
        Assert.Equal(new HoldTally(1, 2), holds.Returned);
        Assert.Equal(HoldTally.Zero, holds.ReleasedByAdmin);
        Assert.Equal(1.0 / 3, holds.Conversion);
    }

    [Fact]
    public async Task GetAudit_RetriedHoldAndBlockReactivated_CountsOneHoldFromStorage()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 1, seatsPerRow: 4));
        var block = Block(eventId);
        var command = new HoldCommand("retried-hold", "buyer", HoldSelection.Seats("A-1"), fixture.Clock.GetUtcNow().AddMinutes(5));
        Assert.True((await block.HoldAsync(command)).IsSuccess);
        Assert.True((await block.HoldAsync(command)).IsSuccess);

        await fixture.Cluster.DeactivateAsync(block);
        var audit = await block.GetAuditAsync();

        Assert.Equal(new HoldTally(1, 1), audit.Holds.Placed);
        Assert.Equal(new HoldTally(1, 1), Assert.Single(audit.Categories).Holds.Placed);
    }

    [Fact]
    public async Task Report_LastSeatsHeldThenPaidThenRefunded_RecordsRunOutAndSoldOutForGood()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 1, seatsPerRow: 2));
        var opensAt = fixture.Clock.GetUtcNow().AddMinutes(-1);
        var order = await HoldAsync(eventId, "last", "A-1", "A-2");
        var ranOut = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await PayAsync(order);
        var soldOut = fixture.Clock.GetUtcNow();

        var report = (await Report(eventId).GetAsync(0, 10))!;

        var std = Assert.Single(report.Categories);
        Assert.Equal(ranOut, std.FirstNoneAvailableAt);
        Assert.Equal(soldOut, std.SoldOutAt);
        Assert.Equal(soldOut - opensAt, std.TimeToSellOut);
        var b1 = Assert.Single(report.Blocks);
        Assert.Equal(soldOut, b1.SoldOutAt);
        Assert.Equal(2, report.Total.Sold);
        Assert.Equal(1.0, report.Holds.Conversion);

        Assert.True((await Order(order).RefundAsync()).IsSuccess);
        var after = (await Report(eventId).GetAsync(0, 10))!;
        Assert.Null(Assert.Single(after.Categories).SoldOutAt);
        Assert.Equal(ranOut, after.Categories[0].FirstNoneAvailableAt);
    }

    [Fact]
    public async Task Report_BuyerRefusedByBlockAndByPayment_EachCodeCountedOnceUnderItsEvent()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 1, seatsPerRow: 4));
        var order = await HoldAsync(eventId, "first", "A-1");
        var taken = await Buyer(eventId, "second").HoldAsync(new HoldRequest("B1", HoldSelection.Seats("A-1"), null));
        Assert.Equal(Reasons.SeatTaken, taken.Code);
        var declined = await Order(order).CheckoutAsync(new CheckoutRequest("first", "k1", TestPaymentGateway.DeclinedCard));
        Assert.Equal(Reasons.PaymentDeclined, declined.Code);

        await Eventually.TrueAsync(async () => (await Report(eventId).GetAsync(0, 10))!.Errors.Length == 2, TimeSpan.FromSeconds(5));
        var errors = (await Report(eventId).GetAsync(0, 10))!.Errors.ToDictionary(e => e.Code, e => e.Count);

        // The block refused the seat too, but only the buyer grain's answer is a buyer-facing one.
        Assert.Equal(1, errors[Reasons.SeatTaken]);
        Assert.Equal(1, errors[Reasons.PaymentDeclined]);
    }

    private async Task<OrderView> HoldAsync(string eventId, string buyerId, params string[] seats)
    {
        var result = await Buyer(eventId, buyerId).HoldAsync(new HoldRequest("B1", HoldSelection.Seats(seats), null));
        Assert.True(result.IsSuccess, result.Message);
        return result.Value!;
    }

    private async Task PayAsync(OrderView order)
    {
        var paid = await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, $"k-{order.OrderId}", TestPaymentGateway.ApprovedCard));
        Assert.True(paid.IsSuccess, paid.Message);
    }

    private IBuyerGrain Buyer(string eventId, string buyerId) => fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId));

    private IOrderGrain Order(OrderView order) => fixture.Client.GetGrain<IOrderGrain>(order.OrderId);

    private ISeatBlockGrain Block(string eventId) => fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1"));

    private ISaleReportGrain Report(string eventId) => fixture.Client.GetGrain<ISaleReportGrain>(eventId);
}
