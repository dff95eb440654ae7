using Microsoft.Extensions.Options;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

[Collection(SaleClusterCollection.Name)]
public sealed class CheckoutTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Checkout_ApprovedCard_PaidWithSignedTicketsAndSeatsSold()
    {
        var (eventId, order) = await HoldAsync("A-1", "A-2");

        var paid = await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k1", TestPaymentGateway.ApprovedCard));

        Assert.True(paid.IsSuccess, paid.Message);
        Assert.Equal(OrderStatus.Paid, paid.Value!.Status);
        Assert.Equal(2, paid.Value.Tickets.Length);
        var codes = new TicketCodes(Options.Create(new SaleOptions { TicketSigningKey = TestKeys.Ticket }));
        Assert.All(paid.Value.Tickets, t => Assert.Equal(t.TicketId, codes.Verify(t.Code, eventId)));
        Assert.Equal(2, paid.Value.Tickets.Select(t => t.Code).Distinct().Count());
        var snapshot = await fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1")).GetSnapshotAsync();
        Assert.Equal([(byte)SeatStatus.Sold, (byte)SeatStatus.Sold], snapshot.Seats.Take(2));
    }

    [Fact]
    public async Task Checkout_RepeatedWithSameKey_ChargesOnce()
    {
        var (_, order) = await HoldAsync("A-3");
        var before = fixture.Payments.ChargeCount;
        var request = new CheckoutRequest(order.BuyerId, "same-key", TestPaymentGateway.ApprovedCard);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Order(order).CheckoutAsync(request)));

        Assert.All(results, r => Assert.Equal(OrderStatus.Paid, r.Value!.Status));
        Assert.Single(results.Select(r => r.Value!.PaymentReference).Distinct());
        Assert.Equal(before + 1, fixture.Payments.ChargeCount);
    }

    [Theory]
    [InlineData(TestPaymentGateway.DeclinedCard, Reasons.PaymentDeclined)]
    [InlineData(TestPaymentGateway.InsufficientFundsCard, Reasons.PaymentDeclined)]
    [InlineData(TestPaymentGateway.TimeoutCard, Reasons.PaymentTimeout)]
    public async Task Checkout_FailingCard_ReportsReasonAndKeepsHold(string card, string code)
    {
        var (eventId, order) = await HoldAsync("A-4");

        var result = await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k", card));

        Assert.Equal(code, result.Code);
        Assert.Equal(OrderStatus.Held, (await Order(order).GetAsync())!.Status);
        var retry = await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k2", TestPaymentGateway.ApprovedCard));
        Assert.Equal(OrderStatus.Paid, retry.Value!.Status);
        await InventoryAudit.AssertConsistentAsync(fixture.Client, eventId);
    }

    [Fact]
    public async Task Checkout_ByAnotherBuyer_RefusedAsNotFound()
    {
        var (_, order) = await HoldAsync("A-5");

        var result = await Order(order).CheckoutAsync(new CheckoutRequest("intruder", "k", TestPaymentGateway.ApprovedCard));

        Assert.Equal(Reasons.OrderNotFound, result.Code);
    }

    [Fact]
    public async Task Cancel_PaidOrderBeforeCutoff_RefundsAndSeatsBackOnSale()
    {
        var (eventId, order) = await HoldAsync("A-6", "A-7");
        await Order(order).CheckoutAsync(new CheckoutRequest(order.BuyerId, "k", TestPaymentGateway.ApprovedCard));

        var cancelled = await Order(order).CancelAsync(order.BuyerId);

        Assert.Equal(OrderStatus.Refunded, cancelled.Value!.Status);
        var snapshot = await fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1")).GetSnapshotAsync();
        Assert.Equal((byte)SeatStatus.Available, snapshot.Seats[5]);
        await Eventually.TrueAsync(async () => (await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, order.BuyerId)).GetAsync()).TicketsPaid == 0, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Cancel_EventCancelled_RefundsPaidOrdersAndReleasesHolds()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 2, rows: 2, seatsPerRow: 10, gaCapacity: 50));
        var paid = (await HoldAsync(eventId, "payer", new HoldRequest("B1", HoldSelection.Best("std", 2), null)))!;
        await Order(paid).CheckoutAsync(new CheckoutRequest("payer", "k", TestPaymentGateway.ApprovedCard));
        var held = (await HoldAsync(eventId, "holder", new HoldRequest("GA", HoldSelection.Best("ga", 3), null)))!;

        var cancelled = await fixture.Client.GetGrain<IEventGrain>(eventId).CancelAsync();

        Assert.Equal(EventStatus.Cancelled, cancelled.Value!.Status);
        Assert.Equal(OrderStatus.Refunded, (await Order(paid).GetAsync())!.Status);
        await Eventually.TrueAsync(async () => (await Order(held).GetAsync())!.Status == OrderStatus.Released, TimeSpan.FromSeconds(2));
        var blocks = await InventoryAudit.AssertConsistentAsync(fixture.Client, eventId);
        Assert.All(blocks.Values, b => Assert.Empty(b));
        var again = await HoldAsync(eventId, "late", new HoldRequest("B1", HoldSelection.Best("std", 1), null), expectSuccess: false);
        Assert.Null(again);
    }

    private Task<(string EventId, OrderView Order)> HoldAsync(params string[] seats) => HoldInNewEventAsync(seats);

    private async Task<(string EventId, OrderView Order)> HoldInNewEventAsync(string[] seats)
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10));
        return (eventId, (await HoldAsync(eventId, "buyer", new HoldRequest("B1", HoldSelection.Seats(seats), null)))!);
    }

    private async Task<OrderView?> HoldAsync(string eventId, string buyerId, HoldRequest request, bool expectSuccess = true)
    {
        var result = await fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId)).HoldAsync(request);
        Assert.Equal(expectSuccess, result.IsSuccess);
        return result.Value;
    }

    private IOrderGrain Order(OrderView order) => fixture.Client.GetGrain<IOrderGrain>(order.OrderId);
}
