using Tiketi.Common;
using Tiketi.Orders;
using Tiketi.Queue;
using Tiketi.Seating;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>The waiting queue through its grain: fair order, controlled rate, and passes that cannot be faked.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class QueueTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Join_SameBuyerTwice_KeepsOnePlace()
    {
        var queue = await NewQueueAsync(admissionsPerSecond: 0.001, maxActive: 10);
        await queue.JoinAsync("first");
        var place = await queue.JoinAsync("second");

        var again = await queue.JoinAsync("second");

        Assert.Equal(place.Value!.Position, again.Value!.Position);
        Assert.Equal(2, again.Value.Position);
        Assert.Equal(2, (await queue.GetInfoAsync()).Waiting);
    }

    [Fact]
    public async Task Admission_RateAndCap_AdmitsInArrivalOrderNoFasterThanAllowed()
    {
        var queue = await NewQueueAsync(admissionsPerSecond: 2, maxActive: 3);
        var buyers = Enumerable.Range(1, 6).Select(i => $"b{i}").ToList();
        foreach (var buyer in buyers)
        {
            await queue.JoinAsync(buyer);
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["b1", "b2"], await AdmittedAsync(queue, buyers));

        // Three more seconds would allow six, but only three may shop at once.
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["b1", "b2", "b3"], await AdmittedAsync(queue, buyers));
        Assert.Equal(3, (await queue.GetStatusAsync("b6")).Position);

        // A shopper who finishes frees a slot for the next in line.
        await queue.CompleteAsync("b1");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("b4", await AdmittedAsync(queue, buyers));
        Assert.DoesNotContain("b5", await AdmittedAsync(queue, buyers));
    }

    [Fact]
    public async Task Admission_IdleShopper_FreesSlotForNextBuyer()
    {
        var queue = await NewQueueAsync(admissionsPerSecond: 10, maxActive: 1);
        await queue.JoinAsync("idle");
        await queue.JoinAsync("next");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(QueueState.Admitted, (await queue.GetStatusAsync("idle")).State);

        fixture.Clock.Advance(QueueSettings.Default.IdleTimeout + TimeSpan.FromSeconds(1));

        Assert.Equal(QueueState.Admitted, (await queue.GetStatusAsync("next")).State);
        Assert.Equal(QueueState.Expired, (await queue.GetStatusAsync("idle")).State);
    }

    [Fact]
    public async Task Hold_QueuedEventWithPassFromQueue_Succeeds()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10, queue: true));
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(eventId);
        await queue.ConfigureAsync(QueueSettings.Default with { AdmissionsPerSecond = 100 });
        await queue.JoinAsync("shopper");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var status = await queue.GetStatusAsync("shopper");

        var held = await Buyer(eventId, "shopper").HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 1), status.Pass));

        Assert.True(held.IsSuccess, held.Message);
    }

    [Fact]
    public async Task Hold_QueuedEventWithBadPass_RefusedWithReason()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 2, seatsPerRow: 10, queue: true));
        var request = (string? pass) => new HoldRequest("B1", HoldSelection.Best("std", 1), pass);
        var genuine = _sales.PassFor(eventId, "owner");
        var forged = genuine[..^4] + (genuine.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var expired = _sales.Passes.Issue(eventId, "owner", fixture.Clock.GetUtcNow().AddSeconds(-1));
        var otherEvent = _sales.PassFor("another-event", "owner");

        Assert.Equal(Reasons.NotAdmitted, (await Buyer(eventId, "owner").HoldAsync(request(null))).Code);
        Assert.Equal(Reasons.PassInvalid, (await Buyer(eventId, "owner").HoldAsync(request(forged))).Code);
        Assert.Equal(Reasons.PassInvalid, (await Buyer(eventId, "owner").HoldAsync(request(otherEvent))).Code);
        Assert.Equal(Reasons.PassInvalid, (await Buyer(eventId, "thief").HoldAsync(request(genuine))).Code);
        Assert.Equal(Reasons.PassExpired, (await Buyer(eventId, "owner").HoldAsync(request(expired))).Code);
        Assert.True((await Buyer(eventId, "owner").HoldAsync(request(genuine))).IsSuccess);
    }

    [Fact]
    public async Task Join_InventorySoldOut_WaitingBuyersToldAndNewJoinsRefused()
    {
        var eventId = await _sales.CreateOnSaleAsync(_sales.Definition(blocks: 1, rows: 1, seatsPerRow: 2, queue: true));
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(eventId);
        await queue.ConfigureAsync(QueueSettings.Default with { AdmissionsPerSecond = 0.001 });
        await queue.JoinAsync("waiting");
        var order = await Buyer(eventId, "lucky").HoldAsync(new HoldRequest("B1", HoldSelection.Best("std", 2), _sales.PassFor(eventId, "lucky")));
        await fixture.Client.GetGrain<IOrderGrain>(order.Value!.OrderId).CheckoutAsync(new CheckoutRequest("lucky", "k", "4242424242424242"));

        await Eventually.TrueAsync(async () => (await queue.GetStatusAsync("waiting")).State == QueueState.SoldOut, TimeSpan.FromSeconds(2));
        Assert.Equal(Reasons.SoldOut, (await queue.JoinAsync("latecomer")).Code);
    }

    [Fact]
    public async Task Join_5000ConcurrentBuyers_EachGetsOneDistinctPlace()
    {
        var queue = await NewQueueAsync(admissionsPerSecond: 0.001, maxActive: 10);

        var places = await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i => queue.JoinAsync($"rush{i}")));

        Assert.Equal(Enumerable.Range(1, 5_000).Select(p => (long)p), places.Select(p => p.Value!.Position).Order());
        Assert.Equal(5_000, (await queue.GetInfoAsync()).Waiting);
        Assert.Equal(places[42].Value!.Position, (await queue.GetStatusAsync("rush42")).Position);
    }

    private async Task<IWaitingQueueGrain> NewQueueAsync(double admissionsPerSecond, int maxActive)
    {
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(SaleFactory.NewId("q"));
        await queue.ConfigureAsync(QueueSettings.Default with { AdmissionsPerSecond = admissionsPerSecond, MaxActiveShoppers = maxActive });
        return queue;
    }

    private static async Task<List<string>> AdmittedAsync(IWaitingQueueGrain queue, List<string> buyers)
    {
        var admitted = new List<string>();
        foreach (var buyer in buyers)
        {
            if ((await queue.GetStatusAsync(buyer)).State == QueueState.Admitted)
            {
                admitted.Add(buyer);
            }
        }

        return admitted;
    }

    private IBuyerGrain Buyer(string eventId, string buyerId) => fixture.Client.GetGrain<IBuyerGrain>(GrainKeys.Buyer(eventId, buyerId));
}
