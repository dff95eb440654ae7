using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>
/// The gateway charged the card but its answer never came back: the buyer saw a timeout and may never
/// return. The order still ends right: paid with tickets while the hold lasts, refunded once it has not.
/// </summary>
[Collection(SaleClusterCollection.Name)]
public sealed class InterruptedCheckoutTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task LostGatewayAnswer_BuyerNeverReturns_OrderSettlesAsPaidWithTickets()
    {
        var (eventId, order) = await HoldAsync("A-1", "A-2");
        var charges = fixture.Payments.ChargeCount;

        var checkout = await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k1", TestPaymentGateway.LostAnswerCard));

        Assert.Equal(Reasons.PaymentTimeout, checkout.Code);
        Assert.Equal(charges + 1, fixture.Payments.ChargeCount);
        await Eventually.TrueAsync(async () => (await Order(order).GetAsync())!.Status == OrderStatus.Paid, TimeSpan.FromSeconds(10));
        var paid = (await Order(order).GetAsync())!;
        Assert.Equal(2, paid.Tickets.Length);
        Assert.NotNull(paid.PaymentReference);
        var seats = (await fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1")).GetSnapshotAsync()).Seats;
        Assert.Equal([(byte)SeatStatus.Sold, (byte)SeatStatus.Sold], seats.Take(2));
        Assert.Equal(charges + 1, fixture.Payments.ChargeCount);
        await InventoryAudit.AssertConsistentAsync(fixture.Client, eventId);
    }

    [Fact]
    public async Task LostGatewayAnswer_HoldRunsOutFirst_ChargeRefundedAndSeatsBackOnSale()
    {
        var (eventId, order) = await HoldAsync("A-3");
        var refunds = fixture.Payments.RefundCount;
        Assert.Equal(Reasons.PaymentTimeout, (await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k1", TestPaymentGateway.LostAnswerCard))).Code);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));

        await Eventually.TrueAsync(async () => (await Order(order).GetAsync())!.Status == OrderStatus.Expired, TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Payments.RefundCount == refunds + 1), TimeSpan.FromSeconds(5));
        var seats = (await fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1")).GetSnapshotAsync()).Seats;
        Assert.Equal((byte)SeatStatus.Available, seats[2]);
        await InventoryAudit.AssertConsistentAsync(fixture.Client, eventId);
    }

    [Fact]
    public async Task GatewayNeverCharged_HoldRunsOut_NothingRefundedAndOrderExpired()
    {
        var (_, order) = await HoldAsync("A-4");
        var refunds = fixture.Payments.RefundCount;
        Assert.Equal(Reasons.PaymentTimeout, (await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k1", TestPaymentGateway.TimeoutCard))).Code);

        fixture.Clock.Advance(TimeSpan.FromMinutes(8));

        await Eventually.TrueAsync(async () => (await Order(order).GetAsync())!.Status == OrderStatus.Expired, TimeSpan.FromSeconds(10));
        Assert.Equal(refunds, fixture.Payments.RefundCount);
    }

    private async Task<(string EventId, OrderView Order)> HoldAsync(params string[] seats)
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10));
        var held = await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, "interrupted"))
            .HoldAsync(new HoldRequest("B1", HoldSelection.Seats(seats), null));
        Assert.True(held.IsSuccess, held.Message);
        return (eventId, held.Value!);
    }

    private IOrderGrain Order(OrderView order) => fixture.Client.GetGrain<IOrderGrain>(order.OrderId);
}
