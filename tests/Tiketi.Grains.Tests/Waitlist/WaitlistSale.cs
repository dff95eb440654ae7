using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Orders;
using Tiketi.Orders.Payments;
using Tiketi.Seating;
using Tiketi.Waitlist;

namespace Tiketi.Grains.Tests.Waitlist;

/// <summary>A small sale driven to sold out, and the waitlist's view of it.</summary>
public sealed class WaitlistSale(SaleClusterFixture fixture)
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private readonly SaleFactory _sales = new(fixture);

    public string EventId { get; private set; } = "";

    public IWaitlistGrain Waitlist => fixture.Client.GetGrain<IWaitlistGrain>(EventId);

    public ISeatBlockGrain Block(string blockId = "B1") => fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(EventId, blockId));

    /// <summary>One reserved block of one row of <paramref name="seats"/> (category "std", plus a "GA" floor of <paramref name="floor"/>), or only a floor of that capacity ("ga").</summary>
    public async Task CreateAsync(int seats, bool generalAdmission = false, int limit = 4, int floor = 0)
    {
        var definition = generalAdmission
            ? _sales.Definition(blocks: 0, rows: 0, seatsPerRow: 0, limit: limit, gaCapacity: seats)
            : _sales.Definition(blocks: 1, rows: 1, seatsPerRow: seats, limit: limit, gaCapacity: floor);
        EventId = await _sales.CreateOnSaleAsync(definition);
    }

    /// <summary>One reserved row of <paramref name="seats"/> "std" seats whose first two are a wheelchair space and its companion .</summary>
    public async Task CreateWithWheelchairPairAsync(int seats)
    {
        var definition = _sales.Definition(blocks: 1, rows: 1, seatsPerRow: seats, limit: 4, gaCapacity: 0);
        definition = definition with
        {
            Blocks = [.. definition.Blocks.Select(b => b with
            {
                Rows = [.. b.Rows.Select(r => r with { Marks = new SeatMarks([], [], [new WheelchairSpace(1, 2)]) })],
            })],
        };
        EventId = await _sales.CreateOnSaleAsync(definition);
    }

    public async Task<OrderView> HoldAsync(string buyerId, HoldSelection selection, string blockId = "B1")
    {
        var held = await TryHoldAsync(buyerId, selection, blockId);
        Assert.True(held.IsSuccess, held.Message);
        return held.Value!;
    }

    public Task<Result<OrderView>> TryHoldAsync(string buyerId, HoldSelection selection, string blockId = "B1") =>
        fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(EventId, buyerId)).HoldAsync(new HoldRequest(blockId, selection, null));

    /// <summary>Waits until the event's summary (reported by blocks every few ms) shows the category sold out.</summary>
    public Task SoldOutAsync(string categoryId = "std") => AvailableAsync(0, categoryId);

    public Task AvailableAsync(int available, string categoryId = "std") => Eventually.TrueAsync(
        async () => (await fixture.Client.GetGrain<IEventGrain>(EventId).GetSummaryAsync())!.ByCategory.GetValueOrDefault(categoryId)?.Available == available, Within);

    public async Task JoinAsync(string buyerId, int quantity, string categoryId = "std")
    {
        var joined = await Waitlist.JoinAsync(buyerId, categoryId, quantity);
        Assert.True(joined.IsSuccess, joined.Message);
    }

    /// <summary>Waits for the buyer's offer and returns its order.</summary>
    public async Task<OrderView> OfferAsync(string buyerId)
    {
        WaitlistOfferView? offer = null;
        await Eventually.TrueAsync(async () => (offer = (await Waitlist.GetStatusAsync(buyerId)).Offer) is { Outcome: WaitlistOfferOutcome.Open }, Within);
        return (await Order(offer!.OrderId).GetAsync())!;
    }

    public IOrderGrain Order(string orderId) => fixture.Client.GetGrain<IOrderGrain>(orderId);

    public Task<Result<OrderView>> PayAsync(OrderView order) =>
        Order(order.OrderId).CheckoutAsync(new CheckoutRequest(order.BuyerId, "pay-" + order.OrderId[..8], TestPaymentGateway.ApprovedCard));

    public static string[] SeatIds(OrderView order) => [.. order.Lines.Select(l => l.SeatId!)];
}
