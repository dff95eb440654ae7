using Tiketi.Audit;

namespace Tiketi.Grains.Tests.Audit;

public sealed class ErrorTallyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Drain_CountsPerEventCodeAndMinute_HandedOverOnce()
    {
        var tally = new ErrorTally();
        tally.Count("ev1", "RES001", Now);
        tally.Count("ev1", "RES001", Now.AddSeconds(20));
        tally.Count("ev1", "RES001", Now.AddSeconds(40));
        tally.Count("ev2", "PAY001", Now);

        var drained = tally.Drain(Now);

        Assert.Equal(
            [new ErrorCount("RES001", Now.AddSeconds(-30), 2), new ErrorCount("RES001", Now.AddSeconds(30), 1)],
            drained["ev1"].OrderBy(e => e.Minute));
        Assert.Equal([new ErrorCount("PAY001", Now.AddSeconds(-30), 1)], drained["ev2"].ToArray());
        Assert.Empty(tally.Drain(Now));
    }

    [Fact]
    public void Restore_FlushFailed_NextDrainCarriesTheCounts()
    {
        var tally = new ErrorTally();
        tally.Count("ev1", "QUEUE004", Now);
        var failed = tally.Drain(Now)["ev1"];

        tally.Restore("ev1", failed);
        tally.Count("ev1", "QUEUE004", Now);

        Assert.Equal(2, Assert.Single(tally.Drain(Now)["ev1"]).Count);
    }
}
