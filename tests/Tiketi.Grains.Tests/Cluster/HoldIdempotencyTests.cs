using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>A hold retried with its idempotency key is the same hold, never a second one the limit refuses.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class HoldIdempotencyTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Hold_RetriedWithSameKey_SameOrderAndOneAllocation()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10, limit: 2));
        var buyer = Buyer(eventId, "retrier");
        var request = new HoldRequest("B1", HoldSelection.Best("std", 2), null, "hold-key-0001");

        var first = await buyer.HoldAsync(request);
        var again = await buyer.HoldAsync(request);

        Assert.True(again.IsSuccess, again.Message);
        Assert.Equal(first.Value!.OrderId, again.Value!.OrderId);
        Assert.Equal<OrderLine>(first.Value.Lines, again.Value.Lines);
        Assert.Single(await Block(eventId).GetAllocationsAsync());
        Assert.Equal(Reasons.LimitReached, (await buyer.HoldAsync(request with { IdempotencyKey = "hold-key-0002" })).Code);
    }

    [Fact]
    public async Task Hold_FirstAnswerLostBeforeBuyerWrote_RetryGetsTheBlocksHold()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10, limit: 2));
        const string key = "lost-answer-1";

        // The first call got as far as the block before its silo died: the block holds seats under the key's order id.
        var orderId = HoldKeys.OrderId(eventId, "unlucky", key);
        var granted = await Block(eventId).HoldAsync(new HoldCommand(orderId, "unlucky", HoldSelection.Seats("A-1", "A-2"), fixture.Clock.GetUtcNow().AddMinutes(7)));
        Assert.True(granted.IsSuccess, granted.Message);

        var retried = await Buyer(eventId, "unlucky").HoldAsync(new HoldRequest("B1", HoldSelection.Seats("A-1", "A-2"), null, key));

        Assert.True(retried.IsSuccess, retried.Message);
        Assert.Equal(orderId, retried.Value!.OrderId);
        Assert.Equal(["A-1", "A-2"], retried.Value.Lines.Select(l => l.SeatId));
        Assert.Single(await Block(eventId).GetAllocationsAsync());
        Assert.Equal(2, (await Buyer(eventId, "unlucky").GetAsync()).TicketsHeld);
    }

    [Fact]
    public async Task Hold_SameKeyFromAnotherBuyer_AnotherOrder()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10));
        var request = new HoldRequest("B1", HoldSelection.Best("std", 1), null, "shared-key-1");

        var mine = await Buyer(eventId, "me").HoldAsync(request);
        var theirs = await Buyer(eventId, "them").HoldAsync(request);

        Assert.NotEqual(mine.Value!.OrderId, theirs.Value!.OrderId);
        Assert.Equal("them", theirs.Value.BuyerId);
    }

    [Fact]
    public async Task Hold_MalformedKey_RefusedWithoutHolding()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10));

        var refused = await Buyer(eventId, "typo").HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 1), null, "bad key!"));

        Assert.Equal(Reasons.IdempotencyKeyInvalid, refused.Code);
        Assert.Empty(await Block(eventId).GetAllocationsAsync());
    }

    private IBuyerGrain Buyer(string eventId, string buyerId) => fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId));

    private ISeatBlockGrain Block(string eventId) => fixture.Client.GetGrain<ISeatBlockGrain>(GrainKeys.Block(eventId, "B1"));
}
