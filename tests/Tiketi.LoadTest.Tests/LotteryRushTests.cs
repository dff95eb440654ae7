using Tiketi.Audit;
using Tiketi.LoadTest.Cli;
using Tiketi.LoadTest.Scenarios;
using Tiketi.LoadTest.Targets.Orleans;
using Tiketi.Queue;

namespace Tiketi.LoadTest.Tests;

/// <summary>
/// A lottery sale under a rush: everyone arrives before the opening, waits in the pre-queue, is drawn
/// into the queue at the opening, and the sale still sells out with every invariant kept.
/// </summary>
[Collection(InProcessRuns.Name)]
public sealed class LotteryRushTests
{
    [Fact]
    public async Task LotteryRush_BuyersArriveBeforeTheOpening_DrawnFirstThenFifoAndSoldOutCleanly()
    {
        QueueAudit? queue = null;
        long preQueuedSeen = 0;
        var hooks = new LoadTestHooks
        {
            AfterRush = async (context, eventId) =>
            {
                preQueuedSeen = context.Metrics.Counter("buyers.preQueued");
                var client = ((OrleansSaleTarget)context.Target).Client;
                queue = await client.GetGrain<IWaitingQueueGrain>(eventId).GetAuditAsync(0, 10_000);
            },
        };

        // Sale clock 10x: the sale opens 3 s after the event is created, while the buyers are arriving.
        var code = await LoadTestApp.RunAsync(
            ["rush", "--target", "inproc", "--seats", "300", "--buyers", "1500", "--time-scale", "10", "--idle-timeout", "10m",
             "--queue-mode", "lottery", "--opens-in", "30s", "--poll-max", "1s",
             "--concurrency", "32", "--duration-limit", "120s", "--threshold", "errors<1%"],
            TextWriter.Null, TextWriter.Null, hooks);

        Assert.Equal(ExitCodes.Passed, code);
        Assert.NotNull(queue);
        Assert.True(queue.Lottery);
        Assert.NotNull(queue.ShuffleSeed);
        Assert.NotNull(queue.ShuffledAt);
        Assert.True(queue.PreQueued > 0, "nobody arrived before the opening");
        Assert.Equal(queue.PreQueued, preQueuedSeen);

        // The drawn pre-queue takes the first places; whoever came after the opening follows in arrival order.
        var drawn = queue.Order.Take((int)queue.PreQueued).ToList();
        var later = queue.Order.Skip((int)queue.PreQueued).ToList();
        Assert.All(drawn, p => Assert.True(p.FromPreQueue));
        Assert.All(later, p => Assert.False(p.FromPreQueue));
        Assert.All(later, p => Assert.True(p.ArrivedAt >= queue.ShuffledAt!.Value.AddSeconds(-1)));
        Assert.Equal(later.OrderBy(p => p.ArrivedAt).Select(p => p.Sequence), later.Select(p => p.Sequence));
    }
}
