using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>
/// How many grain calls a buyer waits for: a hold is the client's call, the block's hold and the order's
/// creation; a checkout is the client's call, the ledger's record and the block's confirmation. Counted
/// with a grain call filter on both silos, so a fourth call one after another fails the test.
/// </summary>
[Collection(SaleClusterCollection.Name)]
public sealed class PurchasePathTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Hold_EventCachedOnBothSilos_AtMostThreeSequentialCallsAndNoReadBack()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 2, rows: 4, seatsPerRow: 10));

        // Buyers spread over both silos, so each silo's cache holds the event.
        for (var i = 0; i < 12; i++)
        {
            Assert.True((await Buyer(eventId, $"warm{i}").HoldAsync(new HoldRequest("B2", HoldSelection.Best("std", 1), null))).IsSuccess);
        }

        foreach (var (buyer, request) in new[]
        {
            ("fresh", new HoldRequest("B1", HoldSelection.Seats("A-1", "A-2"), null, "first-hold-key")),
            ("fresh", new HoldRequest("B1", HoldSelection.Best("std", 1), null)),
            ("warm0", new HoldRequest("B1", HoldSelection.Best("std", 2), null)),
        })
        {
            var (held, trace) = await fixture.CallChains.TraceAsync(() => Buyer(eventId, buyer).HoldAsync(request));

            Assert.True(held.IsSuccess, held.Message);
            Assert.True(trace.CriticalPath <= 3, $"{trace.CriticalPath} sequential calls:\n{trace}");
            Assert.Contains("ISeatBlockGrain.HoldAsync", trace.Methods);
            Assert.Contains("IOrderGrain.CreateAsync", trace.Methods);
            Assert.DoesNotContain("IOrderGrain.GetAsync", trace.Methods);
            Assert.DoesNotContain("IEventGrain.GetAsync", trace.Methods);
            var stored = (await fixture.Client.GetGrain<IOrderGrain>(held.Value!.OrderId).GetAsync())!;
            Assert.Equal((held.Value.Status, held.Value.HoldExpiresAt, held.Value.Total), (stored.Status, stored.HoldExpiresAt, stored.Total));
            Assert.Equal<OrderLine>(held.Value.Lines, stored.Lines);
        }
    }

    [Fact]
    public async Task Checkout_ApprovedCard_AtMostThreeSequentialCallsAndLedgerClosed()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10));
        var order = (await Buyer(eventId, "payer").HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 2), null))).Value!;

        var (paid, trace) = await fixture.CallChains.TraceAsync(() =>
            fixture.Client.GetGrain<IOrderGrain>(order.OrderId).CheckoutAsync(new CheckoutRequest("payer", "pay-key", TestPaymentGateway.ApprovedCard)));

        Assert.Equal(OrderStatus.Paid, paid.Value!.Status);
        Assert.True(trace.CriticalPath <= 3, $"{trace.CriticalPath} sequential calls:\n{trace}");
        Assert.Contains("ICheckoutLedgerGrain.BeginAsync", trace.Methods);
        Assert.Contains("ISeatBlockGrain.ConfirmAsync", trace.Methods);
        var ledger = fixture.Client.GetGrain<ICheckoutLedgerGrain>(GrainKeys.Ledger(eventId, order.OrderId));
        await Eventually.TrueAsync(async () => (await ledger.OpenAsync()).IsEmpty, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Hold_SaleClosedByHand_RefusedWithinTheCachesStalenessBound()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 4, seatsPerRow: 10));
        for (var i = 0; i < 8; i++)
        {
            Assert.True((await Buyer(eventId, $"early{i}").HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 1), null))).IsSuccess);
        }

        Assert.True((await fixture.Client.GetGrain<IEventGrain>(eventId).CloseSaleAsync()).IsSuccess);

        // Four refresh periods (2 s in this cluster) at most: every silo has seen the close by then.
        await Task.Delay(TimeSpan.FromSeconds(8.5));
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(Reasons.SaleClosed, (await Buyer(eventId, $"after{i}").HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 1), null))).Code);
        }
    }

    [Fact]
    public async Task Hold_PaidOrderNoticeNeverWritten_LimitStillCountsIt()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10, limit: 2));
        var buyer = Buyer(eventId, "loyal");
        var order = (await buyer.HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 2), null))).Value!;
        Assert.Equal(OrderStatus.Paid, (await fixture.Client.GetGrain<IOrderGrain>(order.OrderId).CheckoutAsync(new CheckoutRequest("loyal", "k", TestPaymentGateway.ApprovedCard))).Value!.Status);

        // The buyer grain heard "paid" in memory only; a new activation reads "held", and the hold's time passes.
        await fixture.Cluster.DeactivateAsync(buyer);
        fixture.Clock.Advance(TimeSpan.FromMinutes(8));

        Assert.Equal(Reasons.LimitReached, (await buyer.HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 1), null))).Code);
        Assert.Equal(2, (await buyer.GetAsync()).TicketsPaid);
    }

    private IBuyerGrain Buyer(string eventId, string buyerId) => fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId));
}
