using Tiketi.Audit;
using Tiketi.Common;
using Tiketi.Events;
using Tiketi.Grains.Tests.Cluster;
using Tiketi.Queue;

namespace Tiketi.Grains.Tests.Queue;

/// <summary>A lottery sale end to end through the event and queue grains, on the shared hand-driven clock.</summary>
[Collection(SaleClusterCollection.Name)]
public sealed class LotteryQueueClusterTests(SaleClusterFixture fixture)
{
    private readonly SaleFactory _sales = new(fixture);

    [Fact]
    public async Task Opening_LotteryEvent_TimerDrawsThePreQueueThenLateBuyersQueueFifo()
    {
        var opensAt = fixture.Clock.GetUtcNow().AddMinutes(10);
        var queue = await LotterySaleAsync(opensAt);
        foreach (var buyer in new[] { "c", "a", "b" })
        {
            var joined = await queue.JoinAsync(buyer);
            Assert.Equal((QueueState.PreQueue, opensAt), (joined.Value!.State, joined.Value.OpensAt!.Value));
        }

        Assert.Equal(3, (await queue.GetInfoAsync()).PreQueued);

        // The waiting room reads its status while it waits (silence would lose the place after the draw)...
        for (var minute = 0; minute < 9; minute++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAll(new[] { "a", "b", "c" }.Select(queue.GetStatusAsync));
        }

        // ... but nobody calls at the opening: the admission timer makes the draw.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(async () => (await queue.GetInfoAsync()) is { Waiting: 3, PreQueued: 0 }, TimeSpan.FromSeconds(10));
        await queue.JoinAsync("late-1");
        await queue.JoinAsync("late-2");

        var audit = await queue.GetAuditAsync(0, 10);
        Assert.True(audit.Lottery);
        Assert.Equal(opensAt, audit.ShuffledAt);
        Assert.Equal([.. QueueShuffle.Order(["a", "b", "c"], audit.ShuffleSeed!.Value), "late-1", "late-2"], audit.Order.Select(p => p.BuyerId));
        Assert.Equal([true, true, true, false, false], audit.Order.Select(p => p.FromPreQueue));
        Assert.Equal(5, (await queue.GetStatusAsync("late-2")).Position);
        Assert.Equal(new QueueAuditEntry(4, "late-2", opensAt, false, QueueOutcome.Waiting, null), await queue.FindPlaceAsync("late-2"));
    }

    [Fact]
    public async Task Join_BeforeThePreQueueWindow_IsRefusedWithItsCode()
    {
        var queue = await LotterySaleAsync(fixture.Clock.GetUtcNow().AddHours(2));

        var early = await queue.JoinAsync("eager");

        Assert.Equal(Reasons.PreQueueNotOpen, early.Code);
    }

    [Fact]
    public async Task Silence_PastTheLimit_DropsOnlyTheSilentBuyerWhoIsToldWhy()
    {
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(SaleFactory.NewId("q"));
        await queue.ConfigureAsync(QueueSettings.Default with { MaxActiveShoppers = 0, SilenceLimit = TimeSpan.FromMinutes(1) });
        foreach (var buyer in new[] { "polling", "silent", "behind" })
        {
            await queue.JoinAsync(buyer);
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(40));
        await queue.GetStatusAsync("polling");
        await queue.GetStatusAsync("behind");
        fixture.Clock.Advance(TimeSpan.FromSeconds(21));
        var droppedBy = fixture.Clock.GetUtcNow();

        await Eventually.TrueAsync(async () => (await queue.GetInfoAsync()).Waiting == 2, TimeSpan.FromSeconds(10));
        var silent = await queue.GetStatusAsync("silent");
        Assert.Equal((QueueState.Dropped, Reasons.QueueSilenceDropped), (silent.State, silent.Reason));
        Assert.InRange(silent.DroppedAt!.Value, droppedBy, fixture.Clock.GetUtcNow());
        Assert.Equal(2, (await queue.GetStatusAsync("behind")).Position);
        Assert.Equal(QueueOutcome.Dropped, (await queue.FindPlaceAsync("silent"))!.Outcome);

        var back = await queue.JoinAsync("silent");
        Assert.Equal((QueueState.Waiting, 3L), (back.Value!.State, back.Value.Position));
    }

    private async Task<IWaitingQueueGrain> LotterySaleAsync(DateTimeOffset opensAt)
    {
        var definition = _sales.Definition(blocks: 1, rows: 1, seatsPerRow: 10, queue: true) with
        {
            SaleOpensAt = opensAt,
            QueueMode = QueueMode.Lottery,
            PreQueueWindow = TimeSpan.FromMinutes(30),
        };
        var eventId = await _sales.CreateOnSaleAsync(definition);
        var queue = fixture.Client.GetGrain<IWaitingQueueGrain>(eventId);

        // No admissions: these tests look at the order, not at who gets in.
        await queue.ConfigureAsync(QueueSettings.Default with { MaxActiveShoppers = 0 });
        return queue;
    }
}
